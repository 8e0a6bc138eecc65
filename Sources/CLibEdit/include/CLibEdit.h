#ifndef NEXO_CLIBEDIT_H
#define NEXO_CLIBEDIT_H

#include <stddef.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <histedit.h>

// libedit for NexoLineEditor, opened at run time: `nexo` does not link libedit, so a start that
// runs commands never loads it (nor the libtinfo, libbsd and libmd it needs). `nexo_libedit_load`
// opens it once; every `nexo_el_*` / `nexo_history_*` function calls libedit through the table
// that load filled, and must not be called before it returned 0. The variadic entry points
// (`el_wset`, `el_wget`, `history_w`), which Swift cannot call, get one typed wrapper per use.
// Only NexoLineEditor imports this module. Related documentation: editline(3), dlopen(3).

/// The libedit the line editor opens: Debian's libedit2 package.
#define NEXO_LIBEDIT_LIBRARY "libedit.so.2"

/// Opens `NEXO_LIBEDIT_LIBRARY` and resolves every function Nexo uses, once per process (later
/// calls return the first call's result; safe from any thread). Returns 0, or -1 with the loader's
/// reason (dlerror) in `error` (`size` bytes, NUL-terminated).
int nexo_libedit_load(char *error, size_t size);

/// Opens `library` and resolves every function Nexo uses as `nexo_libedit_load` does, then closes
/// it again, changing nothing: 0, or -1 with the loader's reason in `error`. For tests of the
/// failures `nexo_libedit_load` reports.
int nexo_libedit_probe(const char *library, char *error, size_t size);

/// A libedit editor function (`EL_ADDFN`): receives the key that invoked it, returns a `CC_*` code.
typedef unsigned char (*nexo_el_func_t)(EditLine *el, int key);
/// A wide prompt function (`EL_PROMPT_ESC` through `el_wset`).
typedef wchar_t *(*nexo_el_prompt_func_t)(EditLine *el);
/// A wide read-character function (`EL_GETCFN`): 1 = one character read, 0 = end of input, -1 = error.
typedef int (*nexo_el_getc_func_t)(EditLine *el, wchar_t *out);

/// `el_init_fd`: a new editor on the given streams and descriptors, or NULL.
EditLine *nexo_el_init_fd(const char *program, FILE *in, FILE *out, FILE *err, int fdin, int fdout, int fderr);
/// `el_end`.
void nexo_el_end(EditLine *el);
/// `el_wgets`: reads one line (NULL at end of input or on error); `count` is its length.
const wchar_t *nexo_el_wgets(EditLine *el, int *count);
/// `el_source(el, file)`: reads editrc commands (NULL: `$EDITRC` or `~/.editrc`).
int nexo_el_source(EditLine *el, const char *file);
/// `el_resize`: takes the terminal's new size.
void nexo_el_resize(EditLine *el);
/// `el_wline`: the line being edited and the cursor.
const LineInfoW *nexo_el_wline(EditLine *el);
/// `el_cursor(el, count)`: moves the cursor `count` characters (negative: left).
int nexo_el_cursor(EditLine *el, int count);
/// `el_winsertstr`: inserts text at the cursor.
int nexo_el_winsertstr(EditLine *el, const wchar_t *text);
/// `el_deletestr`: deletes `count` characters left of the cursor.
void nexo_el_deletestr(EditLine *el, int count);
/// `el_wpush`: pushes text back onto the input.
void nexo_el_wpush(EditLine *el, const wchar_t *text);

/// `el_wset(el, EL_PROMPT_ESC, fn, esc)`: characters between two `esc` are printed but take no width.
int nexo_el_set_prompt(EditLine *el, nexo_el_prompt_func_t fn, wchar_t esc);
/// `el_wset(el, EL_EDITOR, mode)` with mode "emacs" or "vi".
int nexo_el_set_editor(EditLine *el, const wchar_t *mode);
/// `el_wset(el, EL_SIGNAL, flag)`: whether libedit installs its own signal handlers while reading.
int nexo_el_set_signal(EditLine *el, int flag);
/// `el_wset(el, EL_CLIENTDATA, data)`.
int nexo_el_set_clientdata(EditLine *el, void *data);
/// `el_wget(el, EL_CLIENTDATA, &data)`; NULL when unset.
void *nexo_el_get_clientdata(EditLine *el);
/// `el_wset(el, EL_ADDFN, name, help, fn)`: registers a named editor function.
int nexo_el_set_addfn(EditLine *el, const wchar_t *name, const wchar_t *help, nexo_el_func_t fn);
/// `el_wset(el, EL_BIND, key, function, NULL)`: binds a key sequence to a named editor function.
int nexo_el_bind_key(EditLine *el, const wchar_t *key, const wchar_t *function);
/// `el_wset(el, EL_HIST, history_w, history)`: the history the editor's up/down keys walk.
int nexo_el_set_history(EditLine *el, HistoryW *history);
/// `el_wset(el, EL_GETCFN, fn)`: replaces the function that reads one character.
int nexo_el_set_getcfn(EditLine *el, nexo_el_getc_func_t fn);
/// `el_wset(el, EL_REFRESH)`: redraws the prompt and the line.
int nexo_el_refresh(EditLine *el);
/// `el_wset(el, EL_PREP_TERM, raw)`: puts the terminal in editing (1) or normal (0) mode.
int nexo_el_prep_term(EditLine *el, int raw);

/// `history_winit`: a new, empty history, or NULL.
HistoryW *nexo_history_winit(void);
/// `history_wend`.
void nexo_history_wend(HistoryW *h);
/// `history_w(h, &ev, H_SETSIZE, size)`.
int nexo_history_setsize(HistoryW *h, int size);
/// `history_w(h, &ev, H_ENTER, line)`: appends an entry.
int nexo_history_enter(HistoryW *h, const wchar_t *line);

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

/// The row count of the terminal on `fd` (ioctl TIOCGWINSZ), or 0 when unknown.
static inline int nexo_terminal_rows(int fd) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) {
        return 0;
    }
    return size.ws_row;
}

#endif
