"""Which roles build on which: lookups in constant time, however long the chains.

``builds_on`` names one role, so the roles of a framework and their bases form a graph
in which every role has at most one successor: chains that end at a first role, or
that run into a cycle (an error the structure rules report). Walking a chain for every
role costs the square of its length, which a framework of thousands of roles built one
on another cannot afford; this index answers "is this role on that role's chain?" with
an Euler tour of the chains' tree and the positions on their cycle, after one pass.

It follows :meth:`pdp_lint.model.framework.Framework.role`: an id names the first role with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pdp_lint.model.framework import Framework, Profile, Role


class Lineage:
    """The ``builds_on`` chains of one framework's roles."""

    def __init__(self, framework: Framework) -> None:
        # only ids, numbers and names are kept: rules hold this index until the corpus is
        # read, after the model is dropped
        roles: dict[str, Role] = {}
        for role in framework.roles():
            roles.setdefault(role.id, role)
        ids = list(roles)
        number = {rid: i for i, rid in enumerate(ids)}
        n = len(ids)
        parent = [-1] * n
        for i, rid in enumerate(ids):
            base = roles[rid].builds_on
            if base is not None and base in number:
                parent[i] = number[base]
        self._number = number
        self._ids = ids
        self._parent = parent
        # the cycle (as a number) each role is on, or -1, and its place on it
        self._cycle = [-1] * n
        self._place = [0] * n
        self._cycle_length: list[int] = []
        self._find_cycles()
        # each role's root: the first role of its chain, or the role of a cycle where
        # its chain joins it; its distance to it; and the Euler tour of the tree of
        # roles hanging from each root
        self._root = [0] * n
        self._depth = [0] * n
        self._enter = [0] * n
        self._leave = [0] * n
        self._tour()
        # the ids whose (first) role bears a name, title or abbreviation, casefolded
        self._bearers: dict[str, list[int]] = {}
        self._names_of: list[tuple[str, ...]] = []
        for i, rid in enumerate(ids):
            names = tuple(_names(roles[rid]))
            self._names_of.append(names)
            for name in names:
                self._bearers.setdefault(name, []).append(i)

    def _find_cycles(self) -> None:
        parent, state = self._parent, [0] * len(self._parent)  # 0 new, 1 on path, 2 done
        for start in range(len(parent)):
            path: list[int] = []
            node = start
            while node != -1 and state[node] == 0:
                state[node] = 1
                path.append(node)
                node = parent[node]
            if node != -1 and state[node] == 1:  # the walk ran into itself: a cycle
                cycle = path[path.index(node) :]
                number = len(self._cycle_length)
                self._cycle_length.append(len(cycle))
                for place, member in enumerate(cycle):
                    self._cycle[member] = number
                    self._place[member] = place
            for member in path:
                state[member] = 2

    def _tour(self) -> None:
        parent, cycle = self._parent, self._cycle
        children: list[list[int]] = [[] for _ in parent]
        roots: list[int] = []
        for i, p in enumerate(parent):
            if p == -1 or cycle[i] != -1:
                roots.append(i)
            else:
                children[p].append(i)
        clock = 0
        for root in roots:
            self._root[root], self._depth[root] = root, 0
            stack = [(root, 0)]
            while stack:
                node, next_child = stack.pop()
                if next_child == 0:
                    self._enter[node] = clock
                    clock += 1
                if next_child < len(children[node]):
                    stack.append((node, next_child + 1))
                    child = children[node][next_child]
                    self._root[child] = root
                    self._depth[child] = self._depth[node] + 1
                    stack.append((child, 0))
                else:
                    self._leave[node] = clock

    def _distance(self, start: int, target: int) -> int | None:
        """Steps from ``start`` to ``target`` along ``builds_on``, or None if never."""
        if self._cycle[target] == -1:
            if self._enter[target] <= self._enter[start] < self._leave[target]:
                return self._depth[start] - self._depth[target]
            return None
        root = self._root[start]
        number = self._cycle[target]
        if self._cycle[root] != number:
            return None
        around = (self._place[target] - self._place[root]) % self._cycle_length[number]
        return self._depth[start] + around

    def in_cycle(self, role_id: str) -> bool:
        """Whether following ``builds_on`` from the role ``role_id`` leads back to it."""
        i = self._number.get(role_id)
        return i is not None and self._cycle[i] != -1

    def builds_on(self, role: Role, base_id: str) -> bool:
        """Whether ``base_id`` is on the chain of roles ``role`` builds on (as
        :func:`pdp_lint.rules.duplication.base_chain` lists it: a cycle, or a return to
        ``role``'s own id, ends the chain)."""
        target = self._number.get(base_id)
        return target is not None and self._on_chain(role.id, role.builds_on, target)

    def _on_chain(self, role_id: str, builds_on: str | None, target: int) -> bool:
        if builds_on is None or builds_on == role_id:
            return False
        start = self._number.get(builds_on)
        if start is None:
            return False
        distance = self._distance(start, target)
        if distance is None:
            return False
        own = self._number.get(role_id)
        back = self._distance(start, own) if own is not None else None
        return back is None or distance < back

    def chain(self, role: Role) -> Iterator[str]:
        """The ids of the roles ``role`` builds on, nearest first, one at a time (a
        cycle, or a return to ``role``'s own id, ends the chain)."""
        if role.builds_on is None or role.builds_on == role.id:
            return
        node = self._number.get(role.builds_on, -1)
        seen = {self._number.get(role.id, -1)}
        while node != -1 and node not in seen:
            seen.add(node)
            yield self._ids[node]
            node = self._parent[node]

    def owns(self, owner: Role | Profile, name: str) -> bool:
        """Whether ``name`` (casefolded) is the title or abbreviation of ``owner`` or of
        a role it builds on."""
        return self.names(owner).owns(name)

    def names(self, owner: Role | Profile) -> OwnNames:
        """The names ``owner`` may use, as a container that keeps no model node."""
        own = set(_names(owner))
        if not isinstance(owner, Role):
            return OwnNames(None, frozenset(own), None, None)
        # a short chain is listed (and this index is not kept); a long one is looked up
        for steps, base_id in enumerate(self.chain(owner)):
            if steps == _LISTED:
                return OwnNames(self, frozenset(_names(owner)), owner.id, owner.builds_on)
            own.update(self._names_of[self._number[base_id]])
        return OwnNames(None, frozenset(own), None, None)


#: chains up to this long are listed in full for each summary
_LISTED = 32


class OwnNames:
    """The titles and abbreviations (casefolded) of a role and of the roles it builds
    on, or of a hiring profile: ``name in names``."""

    __slots__ = ("_builds_on", "_lineage", "_own", "_role_id")

    def __init__(
        self,
        lineage: Lineage | None,
        own: frozenset[str],
        role_id: str | None,
        builds_on: str | None,
    ) -> None:
        self._lineage = lineage
        self._own = own
        self._role_id = role_id
        self._builds_on = builds_on

    def owns(self, name: str) -> bool:
        if name in self._own:
            return True
        lineage = self._lineage
        if lineage is None or self._role_id is None:
            return False
        bearers = lineage._bearers.get(name, ())
        return any(lineage._on_chain(self._role_id, self._builds_on, i) for i in bearers)

    __contains__ = owns


def _names(role: Role | Profile) -> Iterable[str]:
    yield role.title.casefold()
    abbreviation = getattr(role, "abbreviation", None)
    if abbreviation:
        yield abbreviation.casefold()
