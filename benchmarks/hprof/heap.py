#!/usr/bin/env python3
"""Reads a HotSpot heap dump (HPROF, 8-byte ids) without a heap analyser installed.

  heap.py DUMP histogram             shallow size and count by class, largest first
  heap.py DUMP referrers SUFFIX      who refers to instances of the class whose name ends in SUFFIX,
                                     from outside that class, and the instances none of that class
                                     refers to (the heads of chains)
  heap.py DUMP root OBJECT_ID        the GC root of an object and, for a stack frame, its thread's stack

Pure Python and slow (a 640 MB dump: 13 s for the histogram, 51 s for the referrers with a build
beside it), but it needs nothing beyond the Debian image. Used for issue 21 (docs/benchmarks.md,
"A command node out of memory under overload").
"""
import collections
import mmap
import struct
import sys

SIZES = {2: 8, 4: 1, 5: 2, 6: 4, 7: 8, 8: 1, 9: 2, 10: 4, 11: 8}
ARRAYS = {4: 'boolean[]', 5: 'char[]', 6: 'float[]', 7: 'double[]', 8: 'byte[]', 9: 'short[]', 10: 'int[]',
          11: 'long[]'}
OBJECT = 2


class Dump:
    def __init__(self, path):
        self.file = open(path, 'rb')
        self.m = mmap.mmap(self.file.fileno(), 0, access=mmap.ACCESS_READ)
        start = self.m.find(b'\0') + 1
        if struct.unpack_from('>I', self.m, start)[0] != 8:
            raise SystemExit('only dumps with 8-byte identifiers are read')
        self.first = start + 12
        self.strings, self.class_names, self.classes = {}, {}, {}
        self.frames, self.traces, self.roots, self.serials = {}, {}, {}, {}

    def u4(self, at):
        return struct.unpack_from('>I', self.m, at)[0]

    def id(self, at):
        return struct.unpack_from('>Q', self.m, at)[0]

    def name(self, class_id):
        return self.strings.get(self.class_names.get(class_id), str(class_id))

    def walk(self, on_instance=None, on_objects=None, on_primitives=None):
        """Reads every record once; calls back for instances, object arrays and primitive arrays."""
        m, p = self.m, self.first
        while p < len(m):
            tag, length = m[p], self.u4(p + 5)
            body, p = p + 9, p + 9 + length
            if tag == 0x01:
                self.strings[self.id(body)] = m[body + 8:body + length].decode('utf-8', 'replace')
            elif tag == 0x02:
                self.class_names[self.id(body + 4)] = self.id(body + 16)
                self.serials[self.u4(body)] = self.id(body + 4)
            elif tag == 0x04:
                self.frames[self.id(body)] = (self.id(body + 8), self.u4(body + 32), self.u4(body + 36))
            elif tag == 0x05:
                count = self.u4(body + 8)  # the stack of the thread with this serial
                self.traces[self.u4(body + 4)] = [self.id(body + 12 + 8 * i) for i in range(count)]
            elif tag in (0x0C, 0x1C):
                self._segment(body, p, on_instance, on_objects, on_primitives)

    def _segment(self, q, end, on_instance, on_objects, on_primitives):
        m = self.m
        while q < end:
            sub = m[q]
            q += 1
            if sub == 0xFF:
                self.roots[self.id(q)] = ('unknown', 0, 0)
                q += 8
            elif sub == 0x01:
                self.roots[self.id(q)] = ('JNI global', 0, 0)
                q += 16
            elif sub in (0x02, 0x03):
                self.roots[self.id(q)] = ('stack frame', self.u4(q + 8), self.u4(q + 12))
                q += 16
            elif sub == 0x08:
                q += 16
            elif sub in (0x04, 0x06):
                self.roots[self.id(q)] = ('native stack or thread block', self.u4(q + 8), 0)
                q += 12
            elif sub in (0x05, 0x07):
                self.roots[self.id(q)] = ('sticky class or monitor', 0, 0)
                q += 8
            elif sub == 0x20:
                q = self._class(q)
            elif sub == 0x21:
                size = self.u4(q + 20)
                if on_instance:
                    on_instance(self.id(q), self.id(q + 12), q + 24, size)
                q += 24 + size
            elif sub == 0x22:
                count = self.u4(q + 12)
                if on_objects:
                    on_objects(self.id(q), self.id(q + 16), q + 24, count)
                q += 24 + 8 * count
            elif sub == 0x23:
                count, kind = self.u4(q + 12), m[q + 16]
                if on_primitives:
                    on_primitives(ARRAYS[kind], SIZES[kind] * count)
                q += 17 + SIZES[kind] * count
            else:
                raise SystemExit('unknown heap record %x at %d' % (sub, q))

    def _class(self, q):
        m = self.m
        class_id, superclass = self.id(q), self.id(q + 12)
        q += 64
        count = struct.unpack_from('>H', m, q)[0]  # the constant pool
        q += 2
        for _ in range(count):
            q += 3 + SIZES[m[q + 2]]
        count = struct.unpack_from('>H', m, q)[0]
        q += 2
        statics = []
        for _ in range(count):
            kind = m[q + 8]
            if kind == OBJECT:
                statics.append((self.id(q), self.id(q + 9)))
            q += 9 + SIZES[kind]
        count = struct.unpack_from('>H', m, q)[0]
        q += 2
        fields = [(self.id(q + 9 * i), m[q + 9 * i + 8]) for i in range(count)]
        self.classes[class_id] = (superclass, fields, statics)
        return q + 9 * count

    def layout(self, class_id):
        fields = []
        while class_id in self.classes:
            superclass, own, _ = self.classes[class_id]
            fields.extend(own)
            class_id = superclass
        return fields


def histogram(dump):
    counts, sizes = collections.Counter(), collections.Counter()

    def instance(_, class_id, __, size):
        counts[class_id] += 1
        sizes[class_id] += size + 16

    def objects(_, class_id, __, count):
        counts[class_id] += 1
        sizes[class_id] += 8 * count + 16

    def primitives(name, size):
        counts[name] += 1
        sizes[name] += size + 16

    dump.walk(instance, objects, primitives)
    rows = sorted(((sizes[c], counts[c], c if isinstance(c, str) else dump.name(c)) for c in counts), reverse=True)
    print('shallow total %.1f MB' % (sum(r[0] for r in rows) / 1e6))
    for size, count, name in rows[:45]:
        print('%10.1f MB %10d  %s' % (size / 1e6, count, name))


def referrers(dump, suffix):
    instances, arrays = [], []
    dump.walk(lambda *i: instances.append(i), lambda *a: arrays.append(a))
    class_of = {i[0]: i[1] for i in instances}
    class_of.update({a[0]: a[1] for a in arrays})
    targets = {o for o, c in class_of.items() if dump.name(c).endswith(suffix)}
    refs = collections.defaultdict(list)
    layouts = {}
    for obj, class_id, at, _ in instances:
        fields = layouts.setdefault(class_id, dump.layout(class_id))
        for field, kind in fields:
            if kind == OBJECT and dump.id(at) in targets:
                refs[dump.id(at)].append((dump.name(class_id), dump.strings.get(field, '?')))
            at += SIZES[kind]
    for obj, class_id, at, count in arrays:
        for i in range(count):
            if dump.id(at + 8 * i) in targets:
                refs[dump.id(at + 8 * i)].append((dump.name(class_id), '[]'))
    for class_id, (_, _, statics) in dump.classes.items():
        for field, value in statics:
            if value in targets:
                refs[value].append(('class ' + dump.name(class_id), 'static ' + dump.strings.get(field, '?')))
    outside = collections.Counter(r for t in targets for r in refs[t] if not r[0].endswith(suffix))
    print('%d instances' % len(targets))
    for (holder, field), count in outside.most_common(30):
        print('%8d  %s.%s' % (count, holder, field))
    loose = [t for t in targets if not any(holder.endswith(suffix) for holder, _ in refs[t])]
    print('%d not referred to by their own class:' % len(loose))
    for obj in loose[:20]:
        print('  %d %s%s' % (obj, refs[obj], ' (a GC root)' if obj in dump.roots else ''))


def root(dump, obj):
    dump.walk()
    kind, thread, depth = dump.roots.get(obj, ('not a root', 0, 0))
    print(kind)
    if kind == 'stack frame':
        for i, frame in enumerate(dump.traces.get(thread, [])[:60]):
            method, class_serial, line = dump.frames[frame]
            print(' %s %s.%s' % ('*' if i == depth else ' ', dump.name(dump.serials.get(class_serial)),
                                 dump.strings.get(method)), line if line < 2 ** 31 else '')


if __name__ == '__main__':
    heap = Dump(sys.argv[1])
    {'histogram': lambda: histogram(heap), 'referrers': lambda: referrers(heap, sys.argv[3]),
     'root': lambda: root(heap, int(sys.argv[3]))}[sys.argv[2]]()
