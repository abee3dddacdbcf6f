# cython: language_level=3
"""cleaner/html/walk.py's walk, compiled: the same blocks, containers and cues, read from lexbor's tree through the
functions selectolax's own extension exports (no lexbor headers, no Python object per node).

walk.py is the reference and the fallback; tests/test_cwalk.py holds the two equal on the samples and on pages
built to reach every branch. :func:`bind` receives the addresses of lexbor's functions (walk.py looks them up with
ctypes in the loaded selectolax module) and the offset of a text node's data, checked there on a parsed page.
"""

from libc.stdint cimport uintptr_t
from libc.string cimport memcmp
from cpython.unicode cimport PyUnicode_DecodeUTF8

from cleaner.model import Block, Cues, Kind
from cleaner.html import walk as ref

ctypedef void node_t
ctypedef void attr_t
ctypedef node_t *(*node_fn)(node_t *)
ctypedef uintptr_t (*id_fn)(node_t *)
ctypedef int (*type_fn)(node_t *)
ctypedef const unsigned char *(*name_fn)(void *, size_t *)
ctypedef attr_t *(*first_attr_fn)(void *)
ctypedef attr_t *(*next_attr_fn)(attr_t *)
ctypedef const unsigned char *(*str_data_fn)(void *)
ctypedef size_t (*str_len_fn)(void *)

cdef node_fn _first_child = NULL
cdef node_fn _next = NULL
cdef id_fn _tag_id = NULL
cdef type_fn _type = NULL
cdef name_fn _element_name = NULL
cdef first_attr_fn _first_attr = NULL
cdef next_attr_fn _next_attr = NULL
cdef name_fn _attr_name = NULL
cdef name_fn _attr_value = NULL
cdef str_data_fn _str_data = NULL
cdef str_len_fn _str_len = NULL
cdef size_t _text_offset = 0
cdef uintptr_t _text_id = 0
cdef bint _bound = False

#: an element node's type (DOM)
cdef int ELEMENT = 1

# what a tag is to the walk (bits)
cdef int SKIP = 1, BREAK = 2, BLOCK = 4, CELL = 8, LINK = 16, PRE = 32, BUTTON = 64

# the attributes the walk reads
cdef int A_CLASS = 0, A_ID = 1, A_STYLE = 2, A_HIDDEN = 3, A_ARIA = 4, A_ROLE = 5, A_HREF = 6
_ATTR_NAMES = ("class", "id", "style", "hidden", "aria-hidden", "role", "href")


def bind(dict addresses, size_t text_offset, uintptr_t text_id):
    """Take lexbor's functions (name → address) and the layout facts walk.py checked."""
    global _first_child, _next, _tag_id, _type, _element_name, _first_attr, _next_attr, _attr_name
    global _attr_value, _str_data, _str_len, _text_offset, _text_id, _bound
    _first_child = <node_fn> <uintptr_t> addresses["lxb_dom_node_first_child_noi"]
    _next = <node_fn> <uintptr_t> addresses["lxb_dom_node_next_noi"]
    _tag_id = <id_fn> <uintptr_t> addresses["lxb_dom_node_tag_id_noi"]
    _type = <type_fn> <uintptr_t> addresses["lxb_dom_node_type_noi"]
    _element_name = <name_fn> <uintptr_t> addresses["lxb_dom_element_qualified_name"]
    _first_attr = <first_attr_fn> <uintptr_t> addresses["lxb_dom_element_first_attribute_noi"]
    _next_attr = <next_attr_fn> <uintptr_t> addresses["lxb_dom_element_next_attribute_noi"]
    _attr_name = <name_fn> <uintptr_t> addresses["lxb_dom_attr_qualified_name"]
    _attr_value = <name_fn> <uintptr_t> addresses["lxb_dom_attr_value_noi"]
    _str_data = <str_data_fn> <uintptr_t> addresses["lexbor_str_data_noi"]
    _str_len = <str_len_fn> <uintptr_t> addresses["lexbor_str_length_noi"]
    _text_offset = text_offset
    _text_id = text_id
    _bound = True


cdef inline object _text_of(node_t *node):
    """A text node's data (None when it has none), decoded as selectolax decodes it."""
    cdef void *data = <void *> (<char *> node + _text_offset)
    cdef const unsigned char *raw = _str_data(data)
    if raw == NULL:
        return None
    return PyUnicode_DecodeUTF8(<const char *> raw, _str_len(data), "replace")


cdef int _attr_index(const unsigned char *name, size_t n):
    if n == 5 and memcmp(name, b"class", 5) == 0:
        return A_CLASS
    if n == 2 and memcmp(name, b"id", 2) == 0:
        return A_ID
    if n == 5 and memcmp(name, b"style", 5) == 0:
        return A_STYLE
    if n == 6 and memcmp(name, b"hidden", 6) == 0:
        return A_HIDDEN
    if n == 11 and memcmp(name, b"aria-hidden", 11) == 0:
        return A_ARIA
    if n == 4 and memcmp(name, b"role", 4) == 0:
        return A_ROLE
    if n == 4 and memcmp(name, b"href", 4) == 0:
        return A_HREF
    return -1


cdef struct Attrs:
    const unsigned char *value[7]
    size_t length[7]
    bint present[7]


cdef void _read_attrs(node_t *node, Attrs *out):
    """Where the walk's attributes are (no copies): their values, NULL for a valueless one."""
    cdef attr_t *attr = _first_attr(node)
    cdef size_t n = 0
    cdef const unsigned char *name
    cdef int k
    for k in range(7):
        out.present[k] = False
    while attr != NULL:
        name = _attr_name(attr, &n)
        k = _attr_index(name, n) if name != NULL else -1
        if k >= 0:
            out.present[k] = True
            out.value[k] = _attr_value(attr, &out.length[k])
        attr = _next_attr(attr)


cdef object _attr(Attrs *a, int k):
    """An attribute as selectolax's ``attributes`` gives it: None when valueless (or absent)."""
    if not a.present[k] or a.value[k] == NULL:
        return None
    return PyUnicode_DecodeUTF8(<const char *> a.value[k], a.length[k], "replace")


cdef bint _holds(Attrs *a, int k, const char *word, size_t n):
    """The attribute's value holds ``word`` (ASCII: the same in its bytes as in its text)."""
    cdef size_t i
    if not a.present[k] or a.value[k] == NULL or a.length[k] < n:
        return False
    for i in range(a.length[k] - n + 1):
        if memcmp(a.value[k] + i, word, n) == 0:
            return True
    return False


cdef int _visibility(Attrs *a) except -1:
    """walk._visibility, asked only of an element that may be hidden (the dict it reads is built for it alone)."""
    if not (a.present[A_HIDDEN] or _holds(a, A_ARIA, b"true", 4) or _holds(a, A_STYLE, b"none", 4)
            or _holds(a, A_STYLE, b"hidden", 6)):
        return ref._SHOWN
    attrs = {_ATTR_NAMES[k]: _attr(a, k) for k in range(7) if a.present[k]}
    return ref._visibility(attrs)


cdef str _deep_stripped_text(node_t *start):
    """``node.text(strip=True)``: every text node below ``start``, each stripped, joined."""
    cdef list parts = []
    cdef list stack = []
    cdef node_t *node = _first_child(start)
    cdef node_t *child
    cdef node_t *nxt
    while node != NULL:
        if _tag_id(node) == _text_id:
            text = _text_of(node)
            if text is not None:
                parts.append(text.strip())
        child = _first_child(node)
        if child != NULL:
            stack.append(<uintptr_t> node)
            node = child
            continue
        while node != NULL:
            nxt = _next(node)
            if nxt != NULL:
                node = nxt
                break
            if not stack:
                node = NULL
                break
            node = <node_t *> <uintptr_t> stack.pop()
    return "".join(parts)


cdef class _Frame:
    cdef int container
    cdef object hint
    cdef str reason
    cdef int group
    cdef str path
    cdef object kind
    cdef int level
    cdef bint credit
    cdef bint email_box
    cdef bint collapsed
    #: the depth of the open-element stack at this container's element (for its path from its parent container)
    cdef int depth


cdef class _Walk:
    cdef list pieces
    cdef long link_chars
    cdef long links
    cdef list blocks
    cdef list block_container
    cdef list containers
    cdef list paths
    cdef list stack
    cdef int groups
    cdef dict hints

    def __cinit__(self):
        self.hints = {}
        self.pieces = []
        self.blocks = []
        self.block_container = []
        self.containers = []
        self.paths = []
        self.stack = []

    cdef void flush(self, _Frame top) except *:
        raw = "".join(self.pieces)
        del self.pieces[:]
        if raw.isspace():
            self.link_chars = 0
            self.links = 0
            return
        kind = top.kind
        text = ref.block_text(raw, kind)
        if text:
            link_density = min(1.0, self.link_chars / len(text))
            cues = Cues(self.links, 0, False, 1, -1, top.path, top.group, top.credit, None, None,
                        self.containers[top.container].tag == "button", top.email_box, top.collapsed)
            self.blocks.append(Block(text, kind, len(self.blocks), top.level, link_density, top.hint, top.reason,
                                     cues))
            self.block_container.append(top.container)
        self.link_chars = 0
        self.links = 0

    cdef void push(self, str tag, object cls, object element_id, object marked, bint collapsed, object path,
                   int depth) except *:
        cdef _Frame parent = self.stack[-1]
        cdef _Frame frame = _Frame()
        outer = self.containers[parent.container]
        cls = cls or ""
        words = f"{cls} {element_id or ''}".lower()[:ref.MAX_ATTR_CHARS]
        if marked is None:  # a page repeats its class strings (cards, rows): each is read once
            key = (tag, words)
            own = self.hints.get(key, self)
            if own is self:
                own = self.hints[key] = ref._own_hint(tag, words, False)
        else:
            own = ref._own_hint(tag, words, True)
        first = cls.split(None, 1)[0] if cls.strip() else ""
        frame.path = f"{outer.tag}>{tag}.{first}" if first else f"{outer.tag}>{tag}"
        kind = ref.KINDS.get(tag)
        frame.level = ref.HEADINGS.get(tag, 0) if kind is not None else parent.level
        frame.kind = kind or parent.kind
        frame.container = len(self.containers)
        frame.collapsed = collapsed or parent.collapsed
        frame.depth = depth
        if own is not None:
            self.groups += 1
            self.containers.append(ref.Container(tag, words, parent.container, outer.depth + 1, own[0], own[1]))
            frame.hint, frame.reason, frame.group, frame.credit = own[0], own[1], self.groups, own[2]
            frame.email_box = bool(marked) or parent.email_box
        else:
            self.containers.append(ref.Container(tag, words, parent.container, outer.depth + 1))
            frame.hint, frame.reason, frame.group, frame.credit = parent.hint, parent.reason, parent.group, parent.credit
            frame.email_box = parent.email_box
        self.paths.append(path)
        self.stack.append(frame)

    cdef void close(self, int flags) except *:
        if not (flags & CELL) and self.pieces:
            self.flush(self.stack[-1])
        if len(self.stack) > 1:
            self.stack.pop()


cdef tuple _tag_info(dict cache, node_t *node, frozenset skip):
    """(name, flags) of an element, by the address of its name (one per distinct name)."""
    cdef size_t n = 0
    cdef const unsigned char *name = _element_name(node, &n)
    cdef uintptr_t key = <uintptr_t> name
    info = cache.get(key)
    if info is not None:
        return info
    tag = PyUnicode_DecodeUTF8(<const char *> name, n, "replace") if name != NULL else ""
    cdef int flags = 0
    if not tag or tag[0] == "-" or tag in skip:
        flags |= SKIP
    if tag in ref.BREAKS:
        flags |= BREAK
    if tag in ref.BLOCK_TAGS:
        flags |= BLOCK
    if tag in ref.CELLS:
        flags |= CELL
    if tag == "a":
        flags |= LINK
    if tag == "pre":
        flags |= PRE
    info = (tag, flags)
    cache[key] = info
    return info


# an element's role in the walk: inline, a block (a container), or a line of the code inside a <pre>
cdef int INLINE = 0, BLOCK_ROLE = 1, CODE_LINE = 2
# what the walk does with an element by its visibility (walk.py's _SHOWN, _SKIPPED, _COLLAPSED)
cdef int SHOWN = ref._SHOWN, SKIPPED = ref._SKIPPED, COLLAPSED = ref._COLLAPSED


def walk(start, marked):
    """:func:`cleaner.html.walk.walk_python`'s result, computed here; ``Segmented.nodes`` holds each container's
    path (:class:`cleaner.html.walk.ContainerNodes` resolves them to elements when read)."""
    if not _bound:
        raise RuntimeError("the compiled walk is not bound to lexbor (cleaner.html.walk binds it)")
    cdef frozenset skip = ref.skip_tags()
    cdef _Walk st = _Walk()
    cdef dict cache = {}
    cdef list pieces = st.pieces
    cdef _Frame root = _Frame()
    root.container, root.hint, root.reason, root.group, root.path = 0, None, "", 0, "body"
    root.kind, root.level, root.depth = Kind.PARAGRAPH, 0, 0
    st.containers.append(ref.Container("body", "", -1, 0))
    st.paths.append(())
    st.stack.append(root)
    cdef node_t *top = <node_t *> <uintptr_t> start.mem_id
    cdef node_t *node = _first_child(top)
    cdef node_t *nxt
    cdef node_t *child
    cdef long links_open = 0, pre_open = 0
    cdef int flags, role, shown
    cdef bint has_marks = bool(marked)
    # the open elements with children: address, flags and role; and each one's index among its siblings
    cdef list parents = []
    cdef list indexes = []
    cdef long index = 0
    cdef Attrs attrs
    cdef str tag
    cdef uintptr_t tid
    while node != NULL:
        tid = _tag_id(node)
        if tid == _text_id:
            text = _text_of(node)
            if text:
                pieces.append(text)
                if links_open:
                    st.link_chars += len(text.strip())
        elif _type(node) == ELEMENT:
            tag, flags = _tag_info(cache, node, skip)
            if flags & BREAK:
                if pre_open:
                    pieces.append("\n")
                elif pieces:
                    st.flush(st.stack[-1])
            elif not (flags & SKIP):
                _read_attrs(node, &attrs)
                shown = _visibility(&attrs)
                if shown != SKIPPED and not (
                        (flags & LINK) and attrs.present[A_HREF] and attrs.value[A_HREF] != NULL
                        and attrs.length[A_HREF] > 0 and attrs.value[A_HREF][0] == 35  # '#'
                        and _deep_stripped_text(node) in ref.PERMALINK_MARKS):
                    role = INLINE
                    if (flags & BLOCK) and pre_open and not (flags & PRE):
                        role = CODE_LINE
                        if pieces and not pieces[-1].endswith("\n"):
                            pieces.append("\n")
                    elif flags & BLOCK:
                        role = BLOCK_ROLE
                        if flags & CELL:
                            if pieces:
                                pieces.append(ref.CELL_SEPARATOR)
                        elif pieces:
                            st.flush(st.stack[-1])
                        st.push(tag, _attr(&attrs, A_CLASS), _attr(&attrs, A_ID),
                                marked.get(<uintptr_t> node) if has_marks else None, shown == COLLAPSED, _path(indexes, (<_Frame> st.stack[-1]).depth, index, node),
                                len(parents) + 1)
                        if flags & PRE:
                            pre_open += 1
                    elif flags & LINK:
                        links_open += 1
                        st.links += 1
                    child = _first_child(node)
                    if child != NULL:
                        parents.append((<uintptr_t> node, flags, role))
                        indexes.append(index)
                        index = 0
                        node = child
                        continue
                    pre_open, links_open = _leave(st, flags, role, pre_open, links_open)
        # next sibling, closing the elements we climb out of
        while node != NULL:
            nxt = _next(node)
            if nxt != NULL:
                node = nxt
                index += 1
                break
            if not parents:
                node = NULL
                break
            address, flags, role = parents.pop()
            index = indexes.pop()
            node = <node_t *> <uintptr_t> address
            pre_open, links_open = _leave(st, flags, role, pre_open, links_open)
    if pieces:
        st.flush(st.stack[-1])
    return st.blocks, st.containers, st.block_container, st.paths


#: a container this many elements below its enclosing container's (inline wrappers) is found by its address
MAX_PATH = 64


cdef object _path(list indexes, int depth, long index, node_t *node):
    """The child indexes from the enclosing container's element down to this element; its address when they would
    be more than MAX_PATH (thousands of nested inline elements: paths would take memory quadratic in the nesting)."""
    if len(indexes) - depth >= MAX_PATH:
        return <uintptr_t> node
    return (*indexes[depth:], index)


cdef tuple _leave(_Walk st, int flags, int role, long pre_open, long links_open):
    if role == BLOCK_ROLE:
        st.close(flags)
        return pre_open - (1 if flags & PRE else 0), links_open
    if role == CODE_LINE:
        if st.pieces and not st.pieces[-1].endswith("\n"):
            st.pieces.append("\n")
    elif flags & LINK:
        links_open -= 1
    return pre_open, links_open
