"""A national-scale structure: every region gets a Västmanland-sized set of forums.

Built on the shipped structure, so the national level and the organisations are real; the
regional and local forums are generated (and flagged as demo).
"""

from models.vocabulary import (
    Cadence,
    ForumKind,
    ForumLevel,
    MembershipRole,
    OrganisationKind,
    Route,
    Tier,
)
from services.startup.data_files import shipped_spec
from services.structure.file_format import (
    ForumSpec,
    LinkSpec,
    MemberSpec,
    OrganisationSpec,
    StructureSpec,
)


def national_structure(local_per_region: int = 14) -> StructureSpec:
    spec = shipped_spec()
    regions = [o for o in spec.organisations if o.kind is OrganisationKind.REGION]
    for region in regions:
        short = region.key.removeprefix("region-")
        fk = f"bench-fk-{short}"
        spec.organisations.append(
            OrganisationSpec(
                fk,
                f"Försäkringskassan {region.name} (bench)",
                OrganisationKind.STATE_AGENCY,
                parent="fk",
                demo=True,
            )
        )
        members = [MemberSpec(fk), MemberSpec(region.key, MembershipRole.CHAIR)]
        strategic = f"bench-{short}-strategisk"
        spec.forums.append(
            ForumSpec(
                strategic,
                f"Strategisk styrgrupp, {region.name} (bench)",
                ForumLevel.REGIONAL,
                ForumKind.STEERING_GROUP,
                Cadence.QUARTERLY,
                Tier.STRATEGIC,
                region.key,
                demo=True,
                members=members,
                escalates_to=[LinkSpec("samverkansgrupp-fm", Route.JOINT_FORUM)],
            )
        )
        for s in range(3):
            structural = f"bench-{short}-strukturell-{s}"
            spec.forums.append(
                ForumSpec(
                    structural,
                    f"Strukturell grupp {s + 1}, {region.name} (bench)",
                    ForumLevel.REGIONAL,
                    ForumKind.OPERATIVE_GROUP,
                    Cadence.MONTHLY,
                    Tier.STRUCTURAL,
                    region.key,
                    demo=True,
                    members=members,
                    escalates_to=[LinkSpec(strategic, Route.JOINT_FORUM)],
                )
            )
            for n in range(local_per_region // 3):
                spec.forums.append(
                    ForumSpec(
                        f"bench-{short}-lokal-{s}-{n}",
                        f"Lokal grupp {s + 1}.{n + 1}, {region.name} (bench)",
                        ForumLevel.LOCAL,
                        ForumKind.NETWORK,
                        Cadence.MONTHLY,
                        Tier.INDIVIDUAL,
                        region.key,
                        demo=True,
                        members=members,
                        escalates_to=[LinkSpec(structural, Route.OWN_ORGANISATION, "fk")],
                    )
                )
    return spec
