"""The widgets of sign-in, staying signed in, the signed-in actor and administration."""
