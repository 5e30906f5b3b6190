"""The ways a meeting use case says no; the pages translate `code` and fill in `params`."""

from models.refusals import RefusedError


class MeetingRefusedError(RefusedError):
    section = "meeting_error"
