"""Scale: the cost of a check grows with its content, not with its square.

A project of tens of thousands of files, or one framework of tens of thousands of roles,
must cost about what the same content costs in a few hundred files. Each test measures
the work twice, at n and at 4n, by CPU time (never the wall clock: the machine may be
busy) or by counting it, so that a part that compares every item with every other shows
as a ratio near 16 instead of near 4.
"""

from __future__ import annotations

import random

from pdp_lint.lineage import Lineage
from pdp_lint.model import Framework, Owner, Role, Track


def _framework(roles: list[Role]) -> Framework:
    track = Track(id="t", name="T", status="available", roles=tuple(roles))
    return Framework(
        file=__file__,  # type: ignore[arg-type]
        id="f",
        title="F",
        owner=Owner(team="T"),
        locale="en-US",
        version="1",
        status="draft",
        tracks=(track,),
    )


def _walk(fw: Framework, role: Role) -> list[str]:
    """The ids of the roles ``role`` builds on, walked one by one (the definition)."""
    chain: list[str] = []
    seen = {role.id}
    current = role
    while current.builds_on and current.builds_on not in seen:
        base = fw.role(current.builds_on)
        if base is None:
            break
        chain.append(base.id)
        seen.add(base.id)
        current = base
    return chain


def _walk_cycle(fw: Framework, start: str) -> bool:
    seen: set[str] = set()
    current: str | None = start
    while current is not None and current not in seen:
        seen.add(current)
        found = fw.role(current)
        current = found.builds_on if found is not None else None
        if current == start:
            return True
    return False


def test_lineage_answers_as_walking_the_chains_does() -> None:
    # random graphs with chains, cycles, self-references, unknown bases, repeated ids
    rng = random.Random(7)
    for _ in range(300):
        n = rng.randint(1, 12)
        ids = [f"r{rng.randint(0, n)}" for _ in range(n)]
        roles = []
        for i, rid in enumerate(ids):
            base = rng.choice([None, f"r{rng.randint(0, n + 2)}", *ids])
            title = rng.choice(["A", "B", "C", f"T{i}"])
            roles.append(Role(id=rid, title=title, abbreviation=rng.choice([None, "X"]),
                              builds_on=base))
        fw = _framework(roles)
        lineage = Lineage(fw)
        names = {"a", "b", "c", "x", "t0", "t1", "zz"}
        for role in roles:
            chain = _walk(fw, role)
            for other in {*ids, "r99"}:
                assert lineage.builds_on(role, other) == (other in chain), (roles, role, other)
            assert lineage.in_cycle(role.id) == _walk_cycle(fw, role.id)
            own = {role.title.casefold(), *([role.abbreviation.casefold()] if role.abbreviation else [])}
            for rid in chain:
                base = fw.role(rid)
                assert base is not None
                own.add(base.title.casefold())
                if base.abbreviation:
                    own.add(base.abbreviation.casefold())
            for name in names:
                assert lineage.owns(role, name) == (name in own)
