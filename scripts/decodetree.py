#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Turn a declarative instruction spec (*.decode) into a C decoder.

Pipeline:  read lines -> parse (fields, argument sets, formats, patterns,
groups) -> resolve each pattern to (mask, bits, argset, assignments) ->
check overlaps -> build a decision tree on fixed bits -> emit C.

The output is a .c.inc included by a translator after its DisasContext
type.  It defines arg_<set> structs, trans_<Name> prototypes, extractors
and `static bool decode_<spec>(DisasContext *ctx, uint32_t insn)`.
Usage:  python3 scripts/decodetree.py -o out.c.inc spec.decode
The spec language is described in scripts/README.md.
"""

import argparse
import os
import re
import sys

IDENT = r'[a-zA-Z_][a-zA-Z0-9_]*'
RE_IDENT = re.compile(IDENT + '$')
RE_PAT_NAME = re.compile(r'[a-zA-Z0-9_]+$')
RE_BITS = re.compile(r'[01.\-]+$')
RE_INLINE = re.compile('(' + IDENT + r'):(s?)([0-9]+)$')
RE_UNNAMED = re.compile(r'([0-9]+):(s?)([0-9]+)$')
RE_FIELD_REF = re.compile(r'%(' + IDENT + ')$')
RE_ASSIGN = re.compile('(' + IDENT + ')=(.+)$')
RE_NUMBER = re.compile(r'-?(0[xX][0-9a-fA-F]+|0[bB][01]+|0|[1-9][0-9]*)$')
RE_ARG = re.compile('(' + IDENT + r')(?::(' + IDENT + r'(?:\s*\*)?))?$')


class SpecError(Exception):
    """An error in the spec, reported as file:line: message."""

    def __init__(self, where, msg):
        super().__init__(msg)
        self.where = where
        self.msg = msg

    def __str__(self):
        if self.where is None:
            return self.msg
        return '%s:%d: %s' % (self.where[0], self.where[1], self.msg)


def popcount(x):
    return bin(x).count('1')


def parse_number(text, where):
    if not RE_NUMBER.match(text):
        raise SpecError(where, 'bad number "%s"' % text)
    return int(text, 0)


class Field:
    """A field: concatenated parts (MSB first), optional !function.

    A part is ('insn', pos, len, signed) or ('ref', name, len, signed);
    a 'ref' part reads another argument of the same pattern."""

    def __init__(self, name, parts, func, where):
        self.name = name
        self.parts = parts
        self.func = func
        self.where = where

    def refs(self):
        return [p[1] for p in self.parts if p[0] == 'ref']

    def key(self):
        return ('field', tuple(self.parts), self.func)


class Const:
    def __init__(self, value):
        self.value = value

    def refs(self):
        return []

    def key(self):
        return ('const', self.value)


class ArgSet:
    def __init__(self, name, members, extern, where, implicit=False):
        self.name = name
        self.members = members          # list of (name, ctype)
        self.extern = extern
        self.where = where
        self.implicit = implicit

    def names(self):
        return [m[0] for m in self.members]


class Format:
    def __init__(self, name, mask, bits, assigns, argset, nbits, where):
        self.name = name
        self.mask = mask
        self.bits = bits
        self.assigns = assigns          # dict name -> Field | Const
        self.argset = argset
        self.nbits = nbits
        self.where = where


class Pattern:
    def __init__(self, name, where):
        self.name = name
        self.where = where
        self.mask = 0
        self.bits = 0
        self.assigns = {}
        self.argset = None
        self.fmt = None
        self.path = ()                  # enclosing groups, outermost first
        self.order = 0
        self.extract = None             # name of the extractor function


class Group:
    def __init__(self, kind, where, gid):
        self.kind = kind                # '{' overlapping, '[' not
        self.where = where
        self.gid = gid
        self.count = 0


class Spec:
    """Everything parsed from the spec files."""

    def __init__(self, width):
        self.width = width
        self.insnmask = (1 << width) - 1
        self.fields = {}
        self.argsets = {}
        self.formats = {}
        self.patterns = []
        self.typenames = {}             # 'arg_x' -> ArgSet
        self.check_bits = False         # QEMU's "bits left unspecified"
        self.groups = []


# ---------------------------------------------------------------- reading

def logical_lines(path):
    """Yield (lineno, tokens): comments stripped, '\\' continuations joined."""
    try:
        with open(path, encoding='utf-8') as f:
            lines = f.read().split('\n')
    except OSError as e:
        raise SpecError(None, '%s: %s' % (path, e.strerror))
    buf = ''
    start = 0
    for i, line in enumerate(lines, 1):
        hash_pos = line.find('#')
        if hash_pos >= 0:
            line = line[:hash_pos]
        line = line.rstrip()
        if not buf:
            start = i
        if line.endswith('\\'):
            buf += line[:-1] + ' '
            continue
        buf += line
        toks = buf.split()
        buf = ''
        if toks:
            yield start, toks
    if buf.split():
        raise SpecError((path, start), 'line continuation at end of file')


# ---------------------------------------------------------------- parsing

class Parser:
    def __init__(self, spec):
        self.spec = spec
        self.stack = []
        self.gid = 0

    def parse_file(self, path):
        top = Group('[', (path, 0), self.new_gid())
        self.stack = [top]
        for lineno, toks in logical_lines(path):
            where = (path, lineno)
            self.parse_line(toks, where)
        if len(self.stack) > 1:
            g = self.stack[-1]
            raise SpecError(g.where, 'group opened here is never closed')

    def new_gid(self):
        self.gid += 1
        return self.gid

    def parse_line(self, toks, where):
        t0 = toks[0]
        if t0 in ('{', '[', '}', ']'):
            if len(toks) != 1:
                raise SpecError(where, '"%s" must be alone on its line' % t0)
            self.parse_group_token(t0, where)
        elif t0[0] == '%':
            self.parse_field(toks, where)
        elif t0[0] == '&':
            self.parse_argset(toks, where)
        elif t0[0] == '@':
            self.parse_format(toks, where)
        else:
            self.parse_pattern(toks, where)

    def parse_group_token(self, tok, where):
        if tok in '{[':
            g = Group(tok, where, self.new_gid())
            self.stack[-1].count += 1
            self.stack.append(g)
            self.spec.groups.append(g)
            return
        want = '{' if tok == '}' else '['
        if len(self.stack) == 1:
            raise SpecError(where, 'unmatched "%s"' % tok)
        g = self.stack.pop()
        if g.kind != want:
            raise SpecError(where, '"%s" closes "%s" opened at line %d'
                            % (tok, g.kind, g.where[1]))
        if g.count == 0:
            raise SpecError(where, 'empty group')

    # %name parts... [!function=func]
    def parse_field(self, toks, where):
        name = toks[0][1:]
        if not RE_IDENT.match(name):
            raise SpecError(where, 'bad field name "%s"' % toks[0])
        if name in self.spec.fields:
            raise SpecError(where, 'field %%%s already defined at line %d'
                            % (name, self.spec.fields[name].where[1]))
        parts = []
        func = None
        for t in toks[1:]:
            if t.startswith('!function='):
                func = t[len('!function='):]
                if not RE_IDENT.match(func):
                    raise SpecError(where, 'bad function name "%s"' % func)
                continue
            if func is not None:
                raise SpecError(where, '"%s" after !function' % t)
            m = RE_UNNAMED.match(t)
            if m:
                pos, ln = int(m.group(1)), int(m.group(3))
                self.check_range(pos, ln, where)
                parts.append(('insn', pos, ln, m.group(2) == 's'))
                continue
            m = RE_INLINE.match(t)
            if m:
                ln = int(m.group(3))
                if ln < 1 or ln > 32:
                    raise SpecError(where, 'bad field length in "%s"' % t)
                parts.append(('ref', m.group(1), ln, m.group(2) == 's'))
                continue
            raise SpecError(where, 'bad field element "%s"' % t)
        if not parts and func is None:
            raise SpecError(where, 'field %%%s has no bits and no '
                            '!function' % name)
        total = sum(p[2] for p in parts)
        if total > 32:
            raise SpecError(where, 'field %%%s is %d bits wide (max 32)'
                            % (name, total))
        self.spec.fields[name] = Field(name, parts, func, where)

    def check_range(self, pos, ln, where):
        if ln < 1:
            raise SpecError(where, 'field length must be at least 1')
        if pos + ln > self.spec.width:
            raise SpecError(where, 'field %d:%d does not fit in a %d-bit '
                            'insn' % (pos, ln, self.spec.width))

    # &name members... [!extern]
    def parse_argset(self, toks, where):
        name = toks[0][1:]
        if not RE_IDENT.match(name):
            raise SpecError(where, 'bad argument set name "%s"' % toks[0])
        if name in self.spec.argsets:
            raise SpecError(where, 'argument set &%s already defined'
                            % name)
        members = []
        extern = False
        for t in toks[1:]:
            if t == '!extern':
                extern = True
                continue
            m = RE_ARG.match(t)
            if not m or extern:
                raise SpecError(where, 'bad argument "%s"' % t)
            if m.group(1) in [x[0] for x in members]:
                raise SpecError(where, 'duplicate argument "%s"' % t)
            members.append((m.group(1), m.group(2) or 'int'))
        a = ArgSet(name, members, extern, where)
        self.register_type(a, where)
        self.spec.argsets[name] = a

    def register_type(self, argset, where):
        tname = 'arg_' + argset.name
        old = self.spec.typenames.get(tname)
        if old is not None:
            raise SpecError(where, 'type %s already names another argument '
                            'set (line %d)' % (tname, old.where[1]))
        self.spec.typenames[tname] = argset

    def parse_elems(self, toks, where, is_format):
        """Parse bits and field elements; returns a dict of the parts."""
        width = self.spec.width
        r = {'mask': 0, 'bits': 0, 'nbits': 0, 'assigns': {},
             'argset': None, 'fmt': None, 'undef': 0}
        pos = width
        for t in toks:
            if RE_BITS.match(t):
                for c in t:
                    pos -= 1
                    if pos >= 0 and c in '01':
                        r['mask'] |= 1 << pos
                        r['bits'] |= int(c) << pos
                    elif pos >= 0 and c == '-':
                        r['undef'] |= 1 << pos
                r['nbits'] += len(t)
            elif t[0] == '&':
                if r['argset'] is not None:
                    raise SpecError(where, 'more than one argument set')
                r['argset'] = self.lookup(self.spec.argsets, t, where,
                                          'argument set')
            elif t[0] == '@':
                if is_format:
                    raise SpecError(where, 'a format cannot use a format')
                if r['fmt'] is not None:
                    raise SpecError(where, 'more than one format')
                r['fmt'] = self.lookup(self.spec.formats, t, where,
                                       'format')
            elif t[0] == '%':
                f = self.lookup(self.spec.fields, t, where, 'field')
                self.add_assign(r, f.name, f, where)
            elif RE_INLINE.match(t):
                m = RE_INLINE.match(t)
                ln = int(m.group(3))
                if ln < 1:
                    raise SpecError(where, 'field length must be at '
                                    'least 1')
                pos -= ln
                r['nbits'] += ln
                if pos >= 0:
                    f = Field(m.group(1), [('insn', pos, ln,
                                            m.group(2) == 's')], None, where)
                    self.add_assign(r, m.group(1), f, where)
            elif RE_ASSIGN.match(t):
                m = RE_ASSIGN.match(t)
                val = m.group(2)
                if val.startswith('%'):
                    src = self.lookup(self.spec.fields, val, where, 'field')
                else:
                    src = Const(parse_number(val, where))
                self.add_assign(r, m.group(1), src, where)
            else:
                raise SpecError(where, 'bad element "%s"' % t)
        if r['nbits'] > width:
            raise SpecError(where, 'definition has %d bits, more than the '
                            'insn width %d' % (r['nbits'], width))
        if r['nbits'] not in (0, width):
            raise SpecError(where, 'definition has %d bits, not the insn '
                            'width %d' % (r['nbits'], width))
        return r

    def lookup(self, table, tok, where, what):
        obj = table.get(tok[1:])
        if obj is None:
            raise SpecError(where, 'undefined %s %s' % (what, tok))
        return obj

    def add_assign(self, r, name, src, where):
        if name in r['assigns']:
            raise SpecError(where, 'field "%s" set twice' % name)
        r['assigns'][name] = src

    # @name elements...
    def parse_format(self, toks, where):
        name = toks[0][1:]
        if not RE_IDENT.match(name):
            raise SpecError(where, 'bad format name "%s"' % toks[0])
        if name in self.spec.formats:
            raise SpecError(where, 'format @%s already defined' % name)
        r = self.parse_elems(toks[1:], where, True)
        argset = r['argset']
        if argset is None:
            argset = self.implicit_argset(name, r['assigns'], where)
        else:
            check_subset(r['assigns'], argset, where)
        fmt = Format(name, r['mask'], r['bits'], r['assigns'], argset,
                     r['nbits'], where)
        fmt.undef = r['undef']
        self.spec.formats[name] = fmt

    def implicit_argset(self, name, assigns, where):
        """arg_<name> holding the given fields, or an identical set."""
        old = self.spec.typenames.get('arg_' + name)
        if old is not None:
            if sorted(old.names()) == sorted(assigns):
                return old
            raise SpecError(where, 'implicit argument set arg_%s differs '
                            'from the one defined at line %d'
                            % (name, old.where[1]))
        a = ArgSet(name, [(n, 'int') for n in assigns], False, where, True)
        self.register_type(a, where)
        self.spec.argsets.setdefault(name, a)
        return a

    # Name elements...
    def parse_pattern(self, toks, where):
        name = toks[0]
        if not RE_PAT_NAME.match(name):
            raise SpecError(where, 'bad pattern name "%s"' % name)
        r = self.parse_elems(toks[1:], where, False)
        p = Pattern(name, where)
        fmt = r['fmt']
        p.fmt = fmt
        p.mask, p.bits = r['mask'], r['bits']
        if r['nbits'] == 0 and fmt is None:
            raise SpecError(where, 'pattern has no bits and no format')
        if fmt is not None:
            if r['nbits'] == 0 and fmt.nbits == 0:
                raise SpecError(where, 'neither pattern nor format @%s has '
                                'bits' % fmt.name)
            self.merge_format(p, fmt, r, where)
        else:
            p.assigns = dict(r['assigns'])
        if self.spec.check_bits:
            self.check_covered(p, r, fmt, where)
        argset = r['argset']
        if argset is None and fmt is not None:
            argset = fmt.argset
        if argset is None:
            argset = self.pattern_argset(p, where)
        check_subset(p.assigns, argset, where)
        for n in argset.names():
            if n not in p.assigns:
                raise SpecError(where, 'argument "%s" of &%s is not set by '
                                'pattern %s' % (n, argset.name, name))
        p.argset = argset
        self.pattern_type(p, where)
        p.path = tuple(g.gid for g in self.stack)
        p.order = len(self.spec.patterns)
        self.stack[-1].count += 1
        self.spec.patterns.append(p)

    def check_covered(self, p, r, fmt, where):
        """Every bit must be fixed, in a field, or '-' (ignored)."""
        covered = p.mask | r['undef']
        if fmt is not None:
            covered |= fmt.undef
        for src in p.assigns.values():
            for part in getattr(src, 'parts', []):
                if part[0] == 'insn':
                    covered |= ((1 << part[2]) - 1) << part[1]
        left = self.spec.insnmask & ~covered
        if left:
            raise SpecError(where, 'bits left unspecified (mask 0x%0*x): '
                            'not fixed, in no field and not "-"'
                            % (self.spec.width // 4, left))

    def merge_format(self, p, fmt, r, where):
        clash = fmt.mask & p.mask & (fmt.bits ^ p.bits)
        if clash:
            raise SpecError(where, 'fixed bits conflict with format @%s '
                            '(mask 0x%x)' % (fmt.name, clash))
        p.mask |= fmt.mask
        p.bits |= fmt.bits
        p.assigns = dict(fmt.assigns)
        for n, src in r['assigns'].items():
            if n in p.assigns:
                raise SpecError(where, 'field "%s" set by both format @%s '
                                'and the pattern' % (n, fmt.name))
            p.assigns[n] = src

    def pattern_argset(self, p, where):
        """Implicit argument set of a pattern without format or &set."""
        for q in self.spec.patterns:
            if q.name == p.name:
                return q.argset
        return self.implicit_argset(p.name, p.assigns, where)

    def pattern_type(self, p, where):
        """Every pattern gets the type name arg_<Name>."""
        tname = 'arg_' + p.name
        old = self.spec.typenames.get(tname)
        if old is None:
            self.spec.typenames[tname] = p.argset
        elif old is not p.argset:
            raise SpecError(where, 'pattern %s uses &%s but %s is already '
                            '&%s' % (p.name, p.argset.name, tname,
                                     old.name))


def check_subset(assigns, argset, where):
    names = argset.names()
    for n in assigns:
        if n not in names:
            raise SpecError(where, 'field "%s" is not in argument set &%s'
                            % (n, argset.name))


# ---------------------------------------------------------------- checks

def overlaps(p, q):
    return (p.bits ^ q.bits) & p.mask & q.mask == 0


def check_overlaps(spec):
    """Two patterns may both match only if their innermost common group
    is an overlap group { }."""
    kinds = {g.gid: g.kind for g in spec.groups}
    pats = spec.patterns
    for j, q in enumerate(pats):
        for p in pats[:j]:
            if not overlaps(p, q):
                continue
            lca = None
            for a, b in zip(p.path, q.path):
                if a != b:
                    break
                lca = a
            if kinds.get(lca) == '{':
                continue
            raise SpecError(q.where, 'pattern %s overlaps pattern %s '
                            '(%s:%d)' % (q.name, p.name, p.where[0],
                                         p.where[1]))


def order_assigns(p):
    """Argument names in an order where named-field refs come first."""
    done = []
    state = {}

    def visit(n, chain):
        if state.get(n) == 'done':
            return
        if state.get(n) == 'busy':
            raise SpecError(p.where, 'field loop: %s' % ' -> '.join(chain))
        state[n] = 'busy'
        src = p.assigns[n]
        for r in src.refs():
            if r not in p.assigns:
                raise SpecError(p.where, 'field %%%s refers to "%s", which '
                                'pattern %s does not set'
                                % (src.name, r, p.name))
            visit(r, chain + [r])
        state[n] = 'done'
        done.append(n)

    for n in p.argset.names():
        visit(n, [n])
    return done


# ---------------------------------------------------------------- output

class Emitter:
    def __init__(self, spec, fname, srcname, linear):
        self.spec = spec
        self.fname = fname
        self.srcname = srcname
        self.linear = linear
        self.out = []
        self.extractors = {}            # key -> (name, pattern)
        self.extract_order = []

    def line(self, ind, text=''):
        self.out.append(('    ' * ind + text) if text else '')

    def bits_comment(self, mask, bits):
        """Bits as a string, '.' where not fixed, grouped by 8."""
        w = self.spec.width
        s = ''
        for i in range(w - 1, -1, -1):
            if mask >> i & 1:
                s += str(bits >> i & 1)
            else:
                s += '.'
            if i % 8 == 0 and i:
                s += ' '
        return s

    def hexw(self, v):
        return '0x%0*x' % (self.spec.width // 4, v)

    def emit(self):
        self.line(0, '/* Generated by scripts/decodetree.py from %s; '
                  'do not edit. */' % self.srcname)
        self.line(0)
        self.emit_types()
        self.emit_prototypes()
        self.plan_extractors()
        self.emit_extractors()
        self.emit_decoder()
        return '\n'.join(self.out) + '\n'

    def emit_types(self):
        for a in self.spec.argsets.values():
            if a.extern:
                continue
            self.line(0, 'typedef struct {')
            for n, t in a.members:
                self.line(1, '%s %s;' % (t, n))
            self.line(0, '} arg_%s;' % a.name)
            self.line(0)
        done = set()
        for p in self.spec.patterns:
            if p.name == p.argset.name or p.name in done:
                continue
            done.add(p.name)
            self.line(0, 'typedef arg_%s arg_%s;' % (p.argset.name, p.name))
        if done:
            self.line(0)

    def emit_prototypes(self):
        done = set()
        for p in self.spec.patterns:
            if p.name in done:
                continue
            done.add(p.name)
            self.line(0, 'static bool trans_%s(DisasContext *ctx, arg_%s '
                      '*a);' % (p.name, p.name))
        self.line(0)

    def plan_extractors(self):
        names = set()
        for p in self.spec.patterns:
            order = order_assigns(p)
            key = (p.argset.name,
                   tuple((n, p.assigns[n].key()) for n in order))
            if key in self.extractors:
                p.extract = self.extractors[key][0]
                continue
            if p.fmt is not None and p.assigns == p.fmt.assigns \
                    and p.argset is p.fmt.argset:
                base = p.fmt.name
            else:
                base = p.name
            name = '%s_extract_%s' % (self.fname, base)
            i = 1
            while name in names:
                i += 1
                name = '%s_extract_%s_%d' % (self.fname, base, i)
            names.add(name)
            self.extractors[key] = (name, p, order)
            self.extract_order.append(key)
            p.extract = name

    def emit_extractors(self):
        for key in self.extract_order:
            name, p, order = self.extractors[key]
            head = 'static void %s(DisasContext *ctx, ' % name
            tail = 'arg_%s *a, uint32_t insn)' % p.argset.name
            if len(head + tail) <= 80:
                self.line(0, head + tail)
            else:
                self.line(0, head.rstrip())
                self.line(0, ' ' * (head.index('(') + 1) + tail)
            self.line(0, '{')
            body = []
            for n in order:
                body += self.assign_lines(n, p.assigns[n])
            text = ' '.join(body)
            if not re.search(r'\bctx\b', text):
                self.line(1, '(void)ctx;')
            if not body:
                self.line(1, '(void)a;')
            if not re.search(r'\binsn\b', text):
                self.line(1, '(void)insn;')
            for b in body:
                self.line(1, b)
            self.line(0, '}')
            self.line(0)

    def assign_lines(self, name, src):
        """C lines setting a->name from a Field or Const, wrapped at the
        '|' between parts when longer than 80 columns."""
        head = 'a->%s = ' % name
        if isinstance(src, Const):
            return [head + '%d;' % src.value]
        if not src.parts:
            return [head + '%s(ctx);' % src.func]
        terms = []
        multi = len(src.parts) > 1
        shift = sum(pt[2] for pt in src.parts)
        for i, pt in enumerate(src.parts):
            shift -= pt[2]
            if i > 0:
                pt = pt[:3] + (False,)  # only the first part sign-extends
            e = part_expr(pt)
            if multi and pt[3]:
                e = '(uint32_t)%s' % e
            terms.append('(%s << %d)' % (e, shift) if shift else e)
        pre, post = '', ''
        if multi and src.parts[0][3]:
            pre, post = '(int32_t)(', ')'
        if src.func:
            pre, post = '%s(ctx, %s' % (src.func, pre), post + ')'
        one = head + pre + ' | '.join(terms) + post + ';'
        if len(one) <= 76 or not multi:
            return [one]
        ind = ' ' * len(head + pre)
        lines = [head + pre + terms[0] + ' |']
        lines += [ind + t + ' |' for t in terms[1:-1]]
        lines.append(ind + terms[-1] + post + ';')
        return lines

    def emit_decoder(self):
        w = self.spec.width
        itype = 'uint16_t' if w == 16 else 'uint32_t'
        self.line(0, 'static bool %s(DisasContext *ctx, %s insn)'
                  % (self.fname, itype))
        self.line(0, '{')
        pats = self.spec.patterns
        if self.linear:
            for p in pats:
                self.emit_leaf(p, 0, 1)
        else:
            self.emit_node(pats, 0, 1)
        self.line(1, 'return false;')
        self.line(0, '}')

    def emit_leaf(self, p, known, ind):
        rest = p.mask & ~known
        self.line(ind, '/* %s:%d: %s */' % (os.path.basename(p.where[0]),
                                             p.where[1], p.name))
        if rest:
            self.line(ind, 'if ((insn & %s) == %s) {'
                      % (self.hexw(rest), self.hexw(p.bits & rest)))
            ind += 1
        else:
            self.line(ind, '{')
            ind += 1
        self.line(ind, 'arg_%s a;' % p.argset.name)
        self.line(ind, '%s(ctx, &a, insn);' % p.extract)
        self.line(ind, 'if (trans_%s(ctx, &a)) {' % p.name)
        self.line(ind + 1, 'return true;')
        self.line(ind, '}')
        self.line(ind - 1, '}')

    def emit_node(self, pats, known, ind):
        """Decision tree over an ordered list of patterns; every split
        keeps the relative order of the patterns it separates."""
        if len(pats) == 1:
            self.emit_leaf(pats[0], known, ind)
            return
        common = self.spec.insnmask & ~known
        for p in pats:
            common &= p.mask
        if common:
            self.emit_switch(pats, known, common, ind)
            return
        chunks = chunk_patterns(pats, known)
        for c in chunks:
            self.emit_node(c, known, ind)

    def emit_switch(self, pats, known, common, ind):
        cases = {}
        for p in pats:
            cases.setdefault(p.bits & common, []).append(p)
        if len(cases) == 1:
            val = next(iter(cases))
            self.line(ind, 'if ((insn & %s) == %s) {'
                      % (self.hexw(common), self.hexw(val)))
            self.emit_node(pats, known | common, ind + 1)
            self.line(ind, '}')
            return
        self.line(ind, 'switch (insn & %s) {' % self.hexw(common))
        for val in sorted(cases):
            self.line(ind, 'case %s:' % self.hexw(val))
            self.line(ind + 1, '/* %s */'
                      % self.bits_comment(known | common,
                                          val | (cases[val][0].bits & known)))
            self.emit_node(cases[val], known | common, ind + 1)
            self.line(ind + 1, 'break;')
        self.line(ind, '}')


def part_expr(pt):
    kind, a, ln, signed = pt
    if kind == 'ref':
        src = 'a->%s' % a
        if signed:
            return '((int32_t)((uint32_t)%s << %d) >> %d)' % (src, 32 - ln,
                                                               32 - ln)
        return '((uint32_t)%s & 0x%x)' % (src, (1 << ln) - 1)
    pos = a
    if signed:
        left = 32 - pos - ln
        inner = '(insn << %d)' % left if left else 'insn'
        return '((int32_t)%s >> %d)' % (inner, 32 - ln)
    if pos == 0 and ln == 32:
        return 'insn'
    if pos == 0:
        return '(insn & 0x%x)' % ((1 << ln) - 1)
    if pos + ln == 32:
        return '(insn >> %d)' % pos
    return '((insn >> %d) & 0x%x)' % (pos, (1 << ln) - 1)


def chunk_patterns(pats, known):
    """Split an ordered list with no bits common to all into consecutive
    chunks that each have common fixed bits.  A pattern may move to an
    earlier chunk only past patterns it cannot overlap."""
    chunks = []                         # [patterns, common mask]
    for p in pats:
        lo = 0
        for i, c in enumerate(chunks):
            if any(overlaps(p, q) for q in c[0]):
                lo = i
        best = None
        best_bits = 0
        for i in range(lo, len(chunks)):
            m = chunks[i][1] & p.mask & ~known
            if popcount(m) > best_bits:
                best, best_bits = i, popcount(m)
        if best is None:
            chunks.append([[p], p.mask & ~known])
        else:
            chunks[best][0].append(p)
            chunks[best][1] &= p.mask
    return [c[0] for c in chunks]


# ---------------------------------------------------------------- main

class ArgParser(argparse.ArgumentParser):
    def error(self, message):
        self.exit(1, 'decodetree.py: %s (see --help)\n' % message)


def main(argv):
    ap = ArgParser(description='Generate a C decoder from a .decode spec.')
    ap.add_argument('-o', '--output', help='output file (default stdout)')
    ap.add_argument('--decode', '--static-decode', dest='decode',
                    help='decoder function name')
    ap.add_argument('--insnwidth', type=int, default=32,
                    help='instruction width in bits: 16 or 32')
    ap.add_argument('--check-bits', action='store_true',
                    help='error for pattern bits that are "." but in no '
                    'field (QEMU\'s rule; default off)')
    ap.add_argument('--linear', action='store_true',
                    help='test patterns one by one (no decision tree)')
    ap.add_argument('--varinsnwidth', help='not supported')
    ap.add_argument('specs', nargs='+', metavar='SPEC.decode')
    args = ap.parse_args(argv)
    if args.varinsnwidth is not None:
        print('decodetree.py: --varinsnwidth is not supported',
              file=sys.stderr)
        return 1
    if args.insnwidth not in (16, 32):
        print('decodetree.py: --insnwidth must be 16 or 32',
              file=sys.stderr)
        return 1
    fname = args.decode
    if fname is None:
        base = os.path.splitext(os.path.basename(args.specs[0]))[0]
        fname = 'decode_' + re.sub(r'[^a-zA-Z0-9_]', '_', base)
    spec = Spec(args.insnwidth)
    spec.check_bits = args.check_bits
    try:
        parser = Parser(spec)
        for path in args.specs:
            parser.parse_file(path)
        check_overlaps(spec)
        srcname = ' '.join(os.path.basename(s) for s in args.specs)
        text = Emitter(spec, fname, srcname, args.linear).emit()
    except SpecError as e:
        print(str(e), file=sys.stderr)
        return 1
    if args.output:
        tmp = args.output + '.tmp'
        with open(tmp, 'w', encoding='utf-8') as f:
            f.write(text)
        os.replace(tmp, args.output)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
