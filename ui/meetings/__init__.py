"""The widgets of meetings: the overview, the agenda, the minutes, agreed actions, triage."""
