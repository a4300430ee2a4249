"""Gatling's own record of a run: its binary simulation.log (Gatling 3.14), read record by
record. A run record first (Gatling's version, the simulation, the run's start in epoch
ms, the scenarios, the assertions), then user, request, group and error records; times
are ms from the run's start. Strings are a length and Java's own bytes (Latin-1, or
UTF-16 in the platform's order, told by a last byte), and names and messages are cached:
a positive index is followed by the string, a negative one refers to it.
"""
import struct

RUN, REQUEST, USER, GROUP, ERROR = 0, 1, 2, 3, 4


class Reader:
    def __init__(self, data):
        self.data, self.at, self.cache = data, 0, {}

    def take(self, n):
        chunk = self.data[self.at:self.at + n]
        if len(chunk) < n:
            raise EOFError
        self.at += n
        return chunk

    def byte(self):
        return self.take(1)[0]

    def int(self):
        return struct.unpack(">i", self.take(4))[0]

    def long(self):
        return struct.unpack(">q", self.take(8))[0]

    def string(self):
        length = self.int()
        if length == 0:
            return ""
        value = self.take(length)
        return value.decode("latin-1") if self.byte() == 0 else value.decode("utf-16-le")

    def cached(self):
        index = self.int()
        if index < 0:
            return self.cache[-index]
        self.cache[index] = self.string()
        return self.cache[index]


def requests(path):
    """(run start in epoch ms, [(name, start ms, end ms, ok, message)]), absolute times."""
    with open(path, "rb") as f:
        r = Reader(f.read())
    if r.byte() != RUN:
        raise ValueError(f"{path} does not start with a run record")
    r.string()  # Gatling's version
    r.string()  # the simulation
    start = r.long()
    r.string()  # the run's description
    for _ in range(r.int()):
        r.string()  # scenarios
    for _ in range(r.int()):
        r.take(r.int())  # assertions, pickled
    found = []
    try:
        while r.at < len(r.data):
            header = r.byte()
            if header == REQUEST:
                for _ in range(r.int()):
                    r.cached()  # groups
                name = r.cached()
                began, ended, ok = r.int(), r.int(), r.byte() == 1
                found.append((name, start + began, start + ended, ok, r.cached()))
            elif header == USER:
                r.take(4 + 1 + 4)
            elif header == GROUP:
                for _ in range(r.int()):
                    r.cached()
                r.take(4 + 4 + 4 + 1)
            elif header == ERROR:
                r.cached()
                r.take(4)
            else:
                raise ValueError(f"{path}: unknown record {header} at byte {r.at - 1}")
    except EOFError:
        pass  # a log cut short: what was read
    return start, found
