"""Problems found in a structure, each with a code the UI translates and an English message."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    code: str
    params: dict[str, str] = field(default_factory=dict)

    @property
    def message(self) -> str:
        template = MESSAGES.get(self.code, self.code)
        return template.format(**self.params)


MESSAGES = {
    "duplicate_key": "forum key {forum!r} is used more than once",
    "duplicate_name": "forum name {name!r} is used more than once",
    "unknown_forum": "a {kind} link from {source!r} names the unknown forum {target!r}",
    "unknown_organisation": "{where} names the unknown organisation {organisation!r}",
    "self_link": "forum {forum!r} has a {kind} link to itself",
    "cycle": "the escalation order has a cycle: {cycle}",
    "unreachable": "forum {forum!r} cannot reach the national strategic level",
    "escalation_down": "forum {source!r} escalates down to {target!r} ({source_level} to "
    "{target_level})",
    "missing_route": "the escalation from {source!r} to {target!r} has no route",
    "missing_via": "the escalation from {source!r} to {target!r} goes via an own organisation's "
    "order but names no organisation",
    "delegation_not_down": "forum {source!r} delegates to {target!r}, which is not below it in "
    "the escalation order",
    "preparing_forum_escalates": "forum {forum!r} prepares for another forum and so cannot be a "
    "step of its own in the escalation order",
}

# Problems in a structure file, before the engine sees it.
MESSAGES |= {
    "yaml_syntax": "the file is not valid YAML: {detail}",
    "not_a_mapping": "{where} must be a mapping of fields",
    "missing_field": "{where} lacks the field {field!r}",
    "unknown_field": "{where} has the unknown field {field!r}",
    "invalid_value": "{where}: {value!r} is not a valid {field} (one of: {choices})",
    "duplicate_organisation": "organisation {field} {value!r} is used more than once",
    "duplicate_member": "forum {forum!r} lists organisation {organisation!r} more than once",
    "invalid_key": "{key!r} is not a valid key (lower-case letters, digits and hyphens)",
    "unknown_forum_key": "there is no forum {forum!r}",
    "duplicate_link": "forum {source!r} already has a {kind} link to {target!r}",
}
