"""The widgets of collaboration issues: the list, an issue's page and its forms, the inbox."""
