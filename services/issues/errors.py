"""The ways an issue use case says no, shared by the services and shown by the pages."""

from models.refusals import RefusedError


class IssueRefusedError(RefusedError):
    section = "refusal"
