"""A table of filing keys in arrays: about 20 bytes a key where a dict takes 80.

:func:`pdp_lint.language.similarity.close_sequences` files every sequence under a few
dozen keys (30-bit hashes) and looks up the keys of the sequences after it; a 90 MB
framework holds millions of keys at once. In a dict each costs about 80 bytes (the key,
a 28-byte number, and its place in the table). :class:`FilingTable` is a hash table
with chaining kept in three arrays instead: every filing is one entry, the key and the
number filed packed in 8 bytes and the entry before it in the same slot in 4 (a chain
of entries, newest first), and each slot of the table holds its newest entry in 4
bytes, with two slots for each filing expected (most lookups of a key that is not
there, which are most lookups, find an empty slot). The hot loop of the join reads the
arrays itself (:attr:`heads`, :attr:`entries`, :attr:`links`, :attr:`mask`) instead
of calling a method per key: :meth:`file` and :meth:`find` show what it does.
"""

from __future__ import annotations

from array import array

#: the bits of a packed entry that hold the number filed (the key is above them)
NUMBER_BITS = 32
NUMBER_MASK = (1 << NUMBER_BITS) - 1
#: keys are below 2**KEY_BITS, numbers below 2**31
KEY_BITS = 30
#: slots per filing expected
SLOTS_PER_ENTRY = 2
#: the most slots a table gets (4 bytes each): more filings than expected make longer
#: chains, never a wrong answer
MOST_SLOTS = 1 << 26


class FilingTable:
    """Numbers filed under keys (``key < 2**30``, ``0 <= number < 2**31``), each key
    with the numbers filed under it in the order filed, newest first when read."""

    __slots__ = ("entries", "heads", "links", "mask")

    def __init__(self, expected: int) -> None:
        slots = 64
        while slots < SLOTS_PER_ENTRY * expected and slots < MOST_SLOTS:
            slots <<= 1
        #: a key's slot is ``key & mask``
        self.mask = slots - 1
        #: per slot, the index of its newest entry (0: none)
        self.heads = array("i", [0]) * slots  # made in place, not copied from bytes
        #: ``key << 32 | number`` per entry; entry 0 is unused, so 0 can mean none
        self.entries = array("q", [0])
        #: per entry, the index of the entry before it in its slot (0: none)
        self.links = array("i", [0])

    def __len__(self) -> int:
        return len(self.entries) - 1

    def file(self, key: int, number: int) -> list[int]:
        """File ``number`` under ``key``; returns the numbers filed under it before."""
        found = self.find(key)
        slot = key & self.mask
        self.links.append(self.heads[slot])
        self.entries.append(key << NUMBER_BITS | number)
        self.heads[slot] = len(self.entries) - 1
        return found

    def find(self, key: int) -> list[int]:
        """The numbers filed under ``key``, newest first."""
        entries, links = self.entries, self.links
        found = []
        at = self.heads[key & self.mask]
        while at:
            entry = entries[at]
            if entry >> NUMBER_BITS == key:
                found.append(entry & NUMBER_MASK)
            at = links[at]
        return found
