"""The widgets of the collaboration structure: the picture, a forum's card, the editor."""
