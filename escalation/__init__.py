"""The escalation engine: pure functions over a networkx graph of forums.

No Streamlit and no database session here; callers hand in plain values (`Structure`).
"""

from escalation.errors import (
    EscalationError,
    InvalidStructureError,
    NoCommonForumError,
    NoPathError,
    UnknownForumError,
)
from escalation.graph import build_graph, escalation_view, forum, upward_view
from escalation.problems import Problem
from escalation.routing import (
    DelegationTarget,
    RightLevel,
    Step,
    common_forums,
    coverage,
    delegation_targets,
    escalation_path,
    feedback_path,
    feeders,
    forums_above,
    is_skip,
    next_steps,
    prepared_by,
    prepares_for,
    represented,
    right_level,
)
from escalation.structure import ForumNode, Link, Structure
from escalation.suggestions import (
    IssueFacts,
    Suggestion,
    SuggestionPolicy,
    ThemeSignal,
    suggest_escalation,
)
from escalation.validate import check_structure, validate_structure

__all__ = [
    "DelegationTarget",
    "EscalationError",
    "ForumNode",
    "InvalidStructureError",
    "IssueFacts",
    "Link",
    "NoCommonForumError",
    "NoPathError",
    "Problem",
    "RightLevel",
    "Step",
    "Structure",
    "Suggestion",
    "SuggestionPolicy",
    "ThemeSignal",
    "UnknownForumError",
    "build_graph",
    "check_structure",
    "common_forums",
    "coverage",
    "delegation_targets",
    "escalation_path",
    "escalation_view",
    "feedback_path",
    "feeders",
    "forum",
    "forums_above",
    "is_skip",
    "next_steps",
    "prepared_by",
    "prepares_for",
    "represented",
    "suggest_escalation",
    "right_level",
    "upward_view",
    "validate_structure",
]
