#ifndef NEXO_CLIBEDIT_SHIM_H
#define NEXO_CLIBEDIT_SHIM_H

#include <stdio.h>
#include <sys/ioctl.h>
#include <histedit.h>

// Typed wrappers for the variadic libedit entry points (`el_wset`, `el_wget`, `history_w`), which
// Swift cannot call, plus the few C-only helpers (stdio streams, TIOCGWINSZ) NexoLineEditor needs.
// Only NexoLineEditor imports this module. Related documentation: editline(3).

/// A libedit editor function (`EL_ADDFN`): receives the key that invoked it, returns a `CC_*` code.
typedef unsigned char (*nexo_el_func_t)(EditLine *el, int key);
/// A wide prompt function (`EL_PROMPT_ESC` through `el_wset`).
typedef wchar_t *(*nexo_el_prompt_func_t)(EditLine *el);
/// A wide read-character function (`EL_GETCFN`): 1 = one character read, 0 = end of input, -1 = error.
typedef int (*nexo_el_getc_func_t)(EditLine *el, wchar_t *out);

/// `el_wset(el, EL_PROMPT_ESC, fn, esc)`: characters between two `esc` are printed but take no width.
static inline int nexo_el_set_prompt(EditLine *el, nexo_el_prompt_func_t fn, wchar_t esc) {
    return el_wset(el, EL_PROMPT_ESC, fn, (int)esc);
}

/// `el_wset(el, EL_EDITOR, mode)` with mode "emacs" or "vi".
static inline int nexo_el_set_editor(EditLine *el, const wchar_t *mode) {
    return el_wset(el, EL_EDITOR, mode);
}

/// `el_wset(el, EL_SIGNAL, flag)`: whether libedit installs its own signal handlers while reading.
static inline int nexo_el_set_signal(EditLine *el, int flag) {
    return el_wset(el, EL_SIGNAL, flag);
}

/// `el_wset(el, EL_CLIENTDATA, data)`.
static inline int nexo_el_set_clientdata(EditLine *el, void *data) {
    return el_wset(el, EL_CLIENTDATA, data);
}

/// `el_wget(el, EL_CLIENTDATA, &data)`; NULL when unset.
static inline void *nexo_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    if (el_wget(el, EL_CLIENTDATA, &data) != 0) {
        return NULL;
    }
    return data;
}

/// `el_wset(el, EL_ADDFN, name, help, fn)`: registers a named editor function.
static inline int nexo_el_set_addfn(EditLine *el, const wchar_t *name, const wchar_t *help, nexo_el_func_t fn) {
    return el_wset(el, EL_ADDFN, name, help, fn);
}

/// `el_wset(el, EL_BIND, key, function, NULL)`: binds a key sequence to a named editor function.
static inline int nexo_el_bind_key(EditLine *el, const wchar_t *key, const wchar_t *function) {
    return el_wset(el, EL_BIND, key, function, (const wchar_t *)NULL);
}

/// `el_wset(el, EL_HIST, history_w, history)`: the history the editor's up/down keys walk.
static inline int nexo_el_set_history(EditLine *el, HistoryW *history) {
    return el_wset(el, EL_HIST, history_w, history);
}

/// `el_wset(el, EL_GETCFN, fn)`: replaces the function that reads one character.
static inline int nexo_el_set_getcfn(EditLine *el, nexo_el_getc_func_t fn) {
    return el_wset(el, EL_GETCFN, fn);
}

/// `el_wset(el, EL_REFRESH)`: redraws the prompt and the line.
static inline int nexo_el_refresh(EditLine *el) {
    return el_wset(el, EL_REFRESH);
}

/// `el_wset(el, EL_PREP_TERM, raw)`: puts the terminal in editing (1) or normal (0) mode.
static inline int nexo_el_prep_term(EditLine *el, int raw) {
    return el_wset(el, EL_PREP_TERM, raw);
}

/// `history_w(h, &ev, H_SETSIZE, size)`.
static inline int nexo_history_setsize(HistoryW *h, int size) {
    HistEventW ev;
    return history_w(h, &ev, H_SETSIZE, size);
}

/// `history_w(h, &ev, H_ENTER, line)`: appends an entry.
static inline int nexo_history_enter(HistoryW *h, const wchar_t *line) {
    HistEventW ev;
    return history_w(h, &ev, H_ENTER, line);
}

/// `history_w(h, &ev, H_CLEAR)`.
static inline int nexo_history_clear(HistoryW *h) {
    HistEventW ev;
    return history_w(h, &ev, H_CLEAR);
}

/// The C library's standard streams (Swift 6 refuses the mutable globals `stdin`/`stdout`/`stderr`).
static inline FILE *nexo_standard_stream(int fd) {
    switch (fd) {
    case 0: return stdin;
    case 1: return stdout;
    default: return stderr;
    }
}

/// The column count of the terminal on `fd` (ioctl TIOCGWINSZ), or 0 when unknown.
static inline int nexo_terminal_columns(int fd) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) {
        return 0;
    }
    return size.ws_col;
}

#endif
