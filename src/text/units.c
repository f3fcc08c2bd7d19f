#include "units.h"

#include <stdlib.h>
#include <string.h>

#include "../common/alloc.h"
#include "chars.h"
#include "scan.h"

/* ====== Lines ====== */

struct lede_line {
    size_t start;    /* first byte of content (leading white space and
                        block quote markers skipped) */
    size_t end;      /* end of content (trailing white space dropped) */
    size_t unquoted; /* the start before block quote markers were skipped */
    int blank;
    int terminal;    /* content ends with sentence-final punctuation */
    int quoted;      /* the line had block quote markers ('>') */
    /* A line that starts with three or more '`' or '~': how many, and
     * which; 0 for any other line. */
    uint32_t fence_run;
    char fence_char;
    /* The longest run of a line made of '`' alone ([0]), and of '~' alone
     * ([1]), that could close a fence this line opens (find_fence_closers). */
    uint32_t closers_after[2];
};

/* A line ending is LF, CRLF or CR. Returns the index after the line's end
 * and stores the end of its content before the line break in `*eol`. */
static size_t next_line(const char *text, size_t i, size_t len, size_t *eol)
{
    const char *p = memchr(text + i, '\n', len - i);
    size_t nl = p ? (size_t)(p - text) : len;
    const char *cr = memchr(text + i, '\r', nl - i);
    if (cr) {
        size_t r = (size_t)(cr - text);
        *eol = r;
        return (r + 1 < len && text[r + 1] == '\n') ? r + 2 : r + 1;
    }
    *eol = nl;
    return nl < len ? nl + 1 : len;
}

/* The terminal class of `c` in a language where ';' may be the question
 * mark (Greek: lede_model_data.question_semicolon). */
static int terminal_of(int32_t c, int question_semicolon)
{
    if (c == ';' && question_semicolon)
        return LEDE_TERM_WEAK; /* as '?' */
    return lede_terminal_class(c);
}

/* Whether the content [start, end) ends with a sentence terminal, possibly
 * followed by closing quotes or brackets. */
static int ends_with_terminal(const char *text, size_t start, size_t end, int question_semicolon)
{
    size_t i = end;
    while (i > start) {
        int32_t c;
        size_t prev = lede_text_prev(text, start, i, &c);
        if (terminal_of(c, question_semicolon) != LEDE_TERM_NONE)
            return 1;
        if (!lede_is_closer(c))
            return 0;
        i = prev;
    }
    return 0;
}

static void trim(const char *text, size_t *start, size_t *end)
{
    size_t s = *start, e = *end;
    int32_t c;
    while (s < e) {
        size_t n = lede_text_next(text, e, s, &c);
        if (!lede_is_space(c))
            break;
        s += n;
    }
    while (e > s) {
        size_t prev = lede_text_prev(text, s, e, &c);
        if (!lede_is_space(c))
            break;
        e = prev;
    }
    *start = s;
    *end = e;
}

static size_t skip_blanks(const char *text, size_t i, size_t end)
{
    while (i < end && (text[i] == ' ' || text[i] == '\t'))
        i++;
    return i;
}

/* Whether text[i] is a block quote marker: a '>' that is not "more than"
 * or "at least" (> 50%, >= 3), which may start a line of plain text. */
static int is_quote_marker(const char *text, size_t i, size_t end)
{
    if (i >= end || text[i] != '>')
        return 0;
    size_t k = skip_blanks(text, i + 1, end);
    return k == end || ((text[k] < '0' || text[k] > '9') && text[k] != '=');
}

/* Skips the block quote markers at the start of a trimmed line: '>' and
 * the white space after it, repeated ("> > nested"). */
static int skip_quote_markers(const char *text, size_t *start, size_t end)
{
    if (!is_quote_marker(text, *start, end))
        return 0;
    while (is_quote_marker(text, *start, end)) {
        (*start)++;
        size_t e = end;
        trim(text, start, &e);
    }
    return 1;
}

/* The run of three or more '`' or '~' that starts the line, in
 * l->fence_run and l->fence_char. */
static void measure_fence(const char *text, lede_line *l)
{
    l->fence_run = 0;
    l->fence_char = 0;
    char c = l->blank ? 0 : text[l->start];
    if (c != '`' && c != '~')
        return;
    size_t i = l->start;
    while (i < l->end && text[i] == c && i - l->start < UINT32_MAX)
        i++;
    if (i - l->start >= 3) {
        l->fence_run = (uint32_t)(i - l->start);
        l->fence_char = c;
    }
}

static lede_status scan_lines(lede_units *u, const char *text, size_t begin, size_t len,
                              int question_semicolon, size_t *nlines)
{
    size_t n = 0;
    for (size_t i = begin; i < len;) {
        size_t eol;
        size_t next = next_line(text, i, len, &eol);
        if (lede_grow((void **)&u->lines, &u->lines_cap, n + 1, sizeof *u->lines) != 0)
            return LEDE_ERR_NOMEM;
        lede_line *l = &u->lines[n++];
        l->start = i;
        l->end = eol;
        trim(text, &l->start, &l->end);
        l->unquoted = l->start;
        l->quoted = skip_quote_markers(text, &l->start, l->end);
        l->blank = l->start == l->end;
        measure_fence(text, l);
        l->terminal =
            !l->blank && ends_with_terminal(text, l->start, l->end, question_semicolon);
        i = next;
    }
    *nlines = n;
    return LEDE_OK;
}

/* ====== Line classes ====== */

/* Whether [start, end) has more than `limit` words (runs separated by
 * white space). Reads no further than the word past the limit: a long
 * paragraph is told from a short line in its first words. */
static int more_words_than(const char *text, size_t start, size_t end, size_t limit)
{
    size_t words = 0;
    int in_word = 0;
    for (size_t i = start; i < end && words <= limit;) {
        int32_t c;
        i += lede_text_next(text, end, i, &c);
        int space = lede_is_space(c);
        words += !space && !in_word;
        in_word = !space;
    }
    return words > limit;
}

/* Markdown ATX heading: up to three spaces are already trimmed, then one to
 * six '#' and a space or the end. Stores where the heading text is. */
static int atx_heading(const char *text, const lede_line *l, size_t *hs, size_t *he)
{
    size_t i = l->start, n = 0;
    while (i < l->end && text[i] == '#' && n < 7) {
        i++;
        n++;
    }
    if (n == 0 || n > 6 || (i < l->end && text[i] != ' ' && text[i] != '\t'))
        return 0;
    size_t e = l->end; /* trimmed by scan_lines */
    /* A closing run of '#' only after white space (CommonMark): the '#'
     * of "Learning C#" is the heading's. */
    size_t closing = e;
    while (closing > i && text[closing - 1] == '#')
        closing--;
    if (closing < e && (closing == i || text[closing - 1] == ' ' || text[closing - 1] == '\t'))
        e = closing;
    *hs = i;
    *he = e;
    trim(text, hs, he);
    return 1;
}

/* A line of three or more '-', '*', '_' or '=' (spaces allowed) and nothing
 * else. `*mark` receives the character. */
static int rule_line(const char *text, const lede_line *l, char *mark)
{
    char m = text[l->start];
    if (m != '-' && m != '*' && m != '_' && m != '=')
        return 0;
    size_t count = 0;
    for (size_t i = l->start; i < l->end; i++) {
        if (text[i] == m)
            count++;
        else if (text[i] != ' ' && text[i] != '\t')
            return 0;
    }
    *mark = m;
    return count >= 3;
}

/* Where the label of a Markdown reference ("[label]:" at the line's start,
 * the label on one line and not empty) ends, after its ':'; 0 for none. */
static size_t reference_label_end(const char *text, const lede_line *l)
{
    if (l->blank || text[l->start] != '[')
        return 0;
    const char *close = memchr(text + l->start + 1, ']', l->end - l->start - 1);
    size_t i = close ? (size_t)(close - text) + 1 : 0;
    if (i <= l->start + 2 || i >= l->end || text[i] != ':')
        return 0;
    return i + 1;
}

/* A footnote's definition, "[^1]: Figures from the report.": its text is
 * prose, a list item's without its marker; stores where it starts. */
static int footnote_definition(const char *text, const lede_line *l, size_t *content)
{
    size_t i = reference_label_end(text, l);
    if (i == 0 || text[l->start + 1] != '^')
        return 0;
    size_t e = l->end;
    *content = i;
    trim(text, content, &e);
    return *content < e;
}

/* A link reference definition, "[report]: https://example.com "Report"":
 * markup, no sentence. The destination must look like one (a '/' or ':'
 * in it, or in <>, or a '#' first) and only a quoted title may follow it,
 * so that "[Anna]: We won." or "[Source]: Reuters." stays a sentence. */
static int link_definition(const char *text, const lede_line *l)
{
    size_t i = reference_label_end(text, l);
    if (i == 0 || text[l->start + 1] == '^')
        return 0;
    i = skip_blanks(text, i, l->end);
    size_t dest = i;
    int linkish = i < l->end && (text[i] == '<' || text[i] == '#');
    for (; i < l->end && text[i] != ' ' && text[i] != '\t'; i++)
        linkish |= text[i] == '/' || text[i] == ':';
    if (i == dest || !linkish)
        return 0;
    i = skip_blanks(text, i, l->end);
    if (i == l->end)
        return 1;
    char open = text[i], close = open == '(' ? ')' : open;
    return (open == '"' || open == '\'' || open == '(') && l->end - i >= 2 &&
           text[l->end - 1] == close;
}

/* A list item marker: a bullet (- * + and Unicode bullets) or a number or
 * letter with '.' or ')' (1. 2) a) A)), then white space. Stores where the
 * item's text starts. */
static int list_marker(const char *text, const lede_line *l, size_t *content)
{
    size_t i = l->start, end = l->end;
    int32_t c;
    size_t n = lede_text_next(text, end, i, &c);
    int bullet = c == '-' || c == '*' || c == '+' || c == 0x2022 || c == 0x2023 ||
                 c == 0x25E6 || c == 0x25AA || c == 0x2043 || c == 0x2219 || c == 0x00B7;
    if (bullet) {
        i += n;
    } else if (c >= '0' && c <= '9') {
        size_t digits = 0;
        while (i < end && text[i] >= '0' && text[i] <= '9' && digits < 4) {
            i++;
            digits++;
        }
        if (digits > 3 || i >= end || (text[i] != '.' && text[i] != ')'))
            return 0;
        i++;
    } else if (((c >= 'a' && c <= 'z') && i + 1 < end &&
                (text[i + 1] == ')' || text[i + 1] == '.')) ||
               ((c >= 'A' && c <= 'Z') && i + 1 < end && text[i + 1] == ')')) {
        i += 2;
    } else {
        return 0;
    }
    if (i >= end || (text[i] != ' ' && text[i] != '\t'))
        return 0;
    *content = i;
    size_t e = end;
    trim(text, content, &e);
    return *content < e;
}

/* The index of the line's fence character in closers_after. */
static int fence_kind(const lede_line *l)
{
    return l->fence_char == '~';
}

/* Whether the line is its fence run alone, as a closing fence is. */
static int fence_only(const lede_line *l)
{
    return l->fence_run > 0 && l->start + l->fence_run == l->end;
}

/* A line of more '`' or '~' than this and nothing else opens no code: in
 * plain text "~~~~~~~~~~" above and below a title are dividers; code
 * fences are three to five characters, more only to hold a shorter one. */
enum { LONGEST_BARE_FENCE = 8 };

/* Whether line j may close a fence that line `open` opened: its run alone,
 * of the same character, at least as long, and quoted as the opening line
 * is (a quoted "> ```" is code inside a fence that is not, and closes no
 * such fence). */
static int closes_fence(const lede_line *open, const lede_line *j)
{
    return fence_only(j) && j->quoted == open->quoted && j->fence_char == open->fence_char &&
           j->fence_run >= open->fence_run;
}

/* Fills each line's closers_after, from the last line
 * back: whether a fence is closed is then known without a search. A fence
 * in a block quote ends with it (at the first line that is not quoted), so
 * the longest runs of quoted lines start again from there. */
static void find_fence_closers(lede_line *lines, size_t n)
{
    uint32_t longest[2][2] = {{0, 0}, {0, 0}}; /* [quoted][fence_kind] */
    for (size_t i = n; i-- > 0;) {
        lede_line *l = &lines[i];
        memcpy(l->closers_after, longest[l->quoted], sizeof l->closers_after);
        if (!l->quoted)
            longest[1][0] = longest[1][1] = 0;
        if (!fence_only(l))
            continue;
        uint32_t *run = &longest[l->quoted][fence_kind(l)];
        if (l->fence_run > *run)
            *run = l->fence_run;
    }
}

/* A fenced code block (CommonMark) opens at line i: three or more '`' or
 * '~', then an info string ("```c"; after backticks, one without a
 * backtick), and a later line of at least as many of the same character
 * and nothing else closes it (closes_fence). Returns the closing line, or
 * 0 when line i opens none. Unlike CommonMark, a fence that nothing closes
 * is text (a stray ``` in plain text must not hide all that follows it),
 * and so is one whose first line is blank (lines of '~' around paragraphs
 * are dividers in plain text, and code seldom starts with a blank line) or
 * whose opening line is too long to be a fence (LONGEST_BARE_FENCE). */
static size_t fence_end(const char *text, const lede_line *lines, size_t n, size_t i)
{
    const lede_line *l = &lines[i];
    if (l->fence_run == 0 || i + 1 >= n || lines[i + 1].blank)
        return 0;
    if (fence_only(l) && l->fence_run > LONGEST_BARE_FENCE)
        return 0; /* a divider of plain text, not code */
    const char *info = text + l->start + l->fence_run;
    size_t info_len = l->end - l->start - l->fence_run;
    if (l->fence_char == '`' && memchr(info, '`', info_len))
        return 0;
    if (l->closers_after[fence_kind(l)] < l->fence_run)
        return 0;
    size_t j = i + 1;
    while (j < n && !closes_fence(l, &lines[j]))
        j++;
    return j < n ? j : 0;
}

/* Whether the line is `s` and nothing else. */
static int line_is(const char *text, const lede_line *l, const char *s)
{
    size_t n = strlen(s);
    return l->end - l->start == n && memcmp(text + l->start, s, n) == 0;
}

/* Whether the line starts with a metadata key: a lower-case ASCII letter,
 * then letters, digits, '_' or '-', then ':' (YAML) or '=' (TOML), with
 * white space before either. Lower case, as site generators' keys are:
 * "Update: the council voted" or "Q: Why?" is prose. */
static int starts_with_key(const char *text, const lede_line *l)
{
    size_t i = l->start;
    if (l->blank || text[i] < 'a' || text[i] > 'z')
        return 0;
    while (i < l->end &&
           (lede_is_alnum((unsigned char)text[i]) || text[i] == '_' || text[i] == '-'))
        i++;
    i = skip_blanks(text, i, l->end);
    return i < l->end && (text[i] == ':' || text[i] == '=');
}

/* Front matter, as static site generators read it (Jekyll, Hugo, Pandoc):
 * the text's first line "---" (YAML) or "+++" (TOML), lines of metadata
 * without a blank one, the first of them a key, up to a line "---" or
 * "..." (YAML) or "+++" (TOML). Returns the closing line, or 0 when the
 * text opens with none: a rule above a paragraph is not one. */
static size_t front_matter_end(const char *text, const lede_line *lines, size_t n)
{
    if (n < 3 || lines[0].quoted || !starts_with_key(text, &lines[1]))
        return 0;
    int yaml = line_is(text, &lines[0], "---");
    if (!yaml && !line_is(text, &lines[0], "+++"))
        return 0;
    for (size_t i = 1; i < n && !lines[i].blank; i++) {
        int closes = yaml ? line_is(text, &lines[i], "---") || line_is(text, &lines[i], "...")
                          : line_is(text, &lines[i], "+++");
        if (closes && !lines[i].quoted)
            return i;
    }
    return 0;
}

/* Whether the line holds a '|', as a table row does. */
static int has_pipe(const char *text, const lede_line *l)
{
    return !l->blank && memchr(text + l->start, '|', l->end - l->start) != NULL;
}

/* The cells of a table row: its '|' (but "\|") less an opening and a
 * closing one, plus one. */
static size_t table_cells(const char *text, const lede_line *l)
{
    size_t pipes = 0;
    for (size_t i = l->start; i < l->end; i++)
        pipes += text[i] == '|' && (i == l->start || text[i - 1] != '\\');
    pipes -= text[l->start] == '|';
    pipes -= l->end - l->start > 1 && text[l->end - 1] == '|' && text[l->end - 2] != '\\';
    return pipes + 1;
}

/* The cells of the delimiter row under a table's header (GitHub Flavored
 * Markdown): one or more '-' with an optional ':' at either end, between
 * '|', at least one '|': "| --- | :-: |", "---|---"; 0 for another line. */
static size_t table_delimiter_row(const char *text, const lede_line *l)
{
    /* Its first byte first: most lines are told apart without a search. */
    char c = l->blank ? 0 : text[l->start];
    if ((c != '|' && c != ':' && c != '-') || !has_pipe(text, l))
        return 0;
    size_t i = l->start, end = l->end, cells = 0;
    if (text[i] == '|')
        i++;
    for (; i < end; cells++) {
        i = skip_blanks(text, i, end);
        i += i < end && text[i] == ':';
        size_t dashes = i;
        while (i < end && text[i] == '-')
            i++;
        if (i == dashes)
            return 0;
        i += i < end && text[i] == ':';
        i = skip_blanks(text, i, end);
        if (i < end && text[i++] != '|')
            return 0;
    }
    return cells;
}

/* Whether line i heads a table: a row with a '|' over a delimiter row of
 * as many cells. */
static int table_starts(const char *text, const lede_line *lines, size_t n, size_t i)
{
    if (i + 1 >= n || lines[i + 1].quoted != lines[i].quoted)
        return 0;
    /* The delimiter row first: a search of every line of prose for a '|'
     * would be a pass more over the text. */
    size_t cells = table_delimiter_row(text, &lines[i + 1]);
    return cells > 0 && has_pipe(text, &lines[i]) && cells == table_cells(text, &lines[i]);
}

/* ====== Sentences ====== */

typedef struct splitter {
    lede_units *u;
    const char *text;
    const lede_model *model;
    size_t paragraph;
    int question_semicolon; /* the model's, read in the hot loop */
    int quoted;             /* the block being emitted is a block quote */
    int literal;            /* it is code or a table (lede_unit.literal) */
    size_t nlines;          /* of u->lines */
} splitter;

/* Whether only spaces and tabs stand between the previous line break (or
 * the start of the text) and text[i]. */
static int at_line_start(const char *text, size_t i)
{
    while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t'))
        i--;
    return i == 0 || text[i - 1] == '\n' || text[i - 1] == '\r';
}

static lede_status emit(splitter *sp, size_t start, size_t end, unsigned kind)
{
    trim(sp->text, &start, &end);
    /* A sentence that starts a line of a block quote starts after its
     * markers, as the block's first line does (scan_lines). */
    if (sp->quoted && start < end && at_line_start(sp->text, start))
        skip_quote_markers(sp->text, &start, end);
    if (start >= end)
        return LEDE_OK;
    lede_units *u = sp->u;
    if (lede_grow((void **)&u->items, &u->cap, u->count + 1, sizeof *u->items) != 0)
        return LEDE_ERR_NOMEM;
    u->items[u->count++] = (lede_unit){start, end, sp->paragraph, kind, sp->quoted, sp->literal};
    return LEDE_OK;
}

/* The word that ends at `end` (white-space delimited), without leading
 * quotes and brackets. */
static void word_before(const char *text, size_t floor, size_t end, size_t *ws)
{
    size_t i = end;
    int32_t c;
    while (i > floor) {
        size_t prev = lede_text_prev(text, floor, i, &c);
        if (lede_is_space(c))
            break;
        i = prev;
    }
    while (i < end) {
        size_t n = lede_text_next(text, end, i, &c);
        if (!lede_is_opener(c))
            break;
        i += n;
    }
    *ws = i;
}

/* A single capital letter: an initial (J. R. R. Tolkien). */
static int is_initial(const char *text, size_t ws, size_t we)
{
    if (ws >= we)
        return 0;
    int32_t c;
    size_t n = lede_text_next(text, we, ws, &c);
    return ws + n == we && lede_is_upper(c);
}

/* Letters separated by periods, each group at most three letters: U.S,
 * Ph.D, a.m. Not a domain name, in lower case and ending in a group of two
 * letters or more (bbc.co.uk, cnn.com): its period ends the sentence. */
static int is_dotted(const char *text, size_t ws, size_t we)
{
    size_t group = 0, dots = 0;
    int has_upper = 0;
    for (size_t i = ws; i < we;) {
        int32_t c;
        i += lede_text_next(text, we, i, &c);
        if (c == '.') {
            if (group == 0)
                return 0;
            dots++;
            group = 0;
        } else if (lede_is_upper(c) || lede_is_lower(c)) {
            has_upper |= lede_is_upper(c);
            if (++group > 3)
                return 0;
        } else {
            return 0;
        }
    }
    return dots > 0 && group > 0 && (has_upper || group == 1);
}

typedef struct next_word {
    int exists;
    int lower;   /* starts with a lower-case letter (and is not like iPhone) */
    int digit;   /* starts with a digit */
    int starter; /* a capitalized stopword: The, He, It, ... */
} next_word;

static int is_apostrophe(int32_t c)
{
    return c == '\'' || c == 0x2019;
}

static next_word look_ahead(const splitter *sp, size_t i, size_t end)
{
    const char *text = sp->text;
    next_word nw = {0, 0, 0, 0};
    int32_t c = 0;
    while (i < end) {
        size_t n = lede_text_next(text, end, i, &c);
        if (!lede_is_space(c) && !lede_is_opener(c))
            break;
        i += n;
    }
    if (i >= end)
        return nw;
    nw.exists = 1;
    size_t ws = i;
    i += lede_text_next(text, end, i, &c);
    if (lede_is_digit(c)) {
        nw.digit = 1;
        return nw;
    }
    int first_upper = lede_is_upper(c);
    if (lede_is_lower(c)) {
        int32_t second = 0;
        if (i < end)
            lede_text_next(text, end, i, &second);
        nw.lower = !lede_is_upper(second);
        return nw;
    }
    if (!first_upper)
        return nw;
    size_t we = i;
    while (we < end && we - ws < 32) {
        size_t n = lede_text_next(text, end, we, &c);
        if (!lede_is_alnum(c) && !is_apostrophe(c))
            break;
        we += n;
    }
    /* A single letter with a period is an initial (А. С. Пушкин), even
     * when the letter alone is a stopword. */
    if (we == i && we < end && text[we] == '.')
        return nw;
    char folded[64];
    size_t fl = lede_fold_word(text + ws, we - ws, folded, sizeof folded);
    nw.starter = fl > 0 && lede_model_is_stopword(sp->model, folded, fl);
    return nw;
}

static int is_open_bracket(int32_t c);
static int is_close_bracket(int32_t c);

/* Brackets closing soon after a terminal keep it inside the sentence; the
 * look ahead is bounded (an emoticon's "(" never closes). */
enum { BRACKET_LOOK_AHEAD = 400 };

/* Whether the innermost open bracket (round, full-width or a CJK quote)
 * closes within BRACKET_LOOK_AHEAD bytes, so a terminal inside it does not
 * end the sentence. Pairs opened and closed on the way do not count: in
 * "sad :( today. We met (briefly)." the ')' is another bracket's. */
static int paren_closes_soon(const char *text, size_t i, size_t end)
{
    size_t limit = end - i > BRACKET_LOOK_AHEAD ? i + BRACKET_LOOK_AHEAD : end;
    size_t inner = 0;
    while (i < limit) {
        int32_t c;
        i += lede_text_next(text, end, i, &c);
        if (is_open_bracket(c))
            inner++;
        else if (is_close_bracket(c) && inner-- == 0)
            return 1;
    }
    return 0;
}

/* The part of a word after an elided article or preposition, or after a
 * hyphen: l'art, dell'art, d'apr, then-Sen -> art, apr, Sen. */
static size_t after_elision(const char *text, size_t ws, size_t p)
{
    size_t start = ws;
    for (size_t i = ws; i < p;) {
        int32_t c;
        size_t n = lede_text_next(text, p, i, &c);
        i += n;
        if ((is_apostrophe(c) || c == '-') && i < p)
            start = i;
    }
    return start;
}

/* One or two digits and nothing else: a day or an ordinal. */
static int is_small_number(const char *text, size_t ws, size_t p)
{
    size_t n = p - ws;
    if (n < 1 || n > 2)
        return 0;
    for (size_t i = ws; i < p; i++)
        if (text[i] < '0' || text[i] > '9')
            return 0;
    return 1;
}

/* Decides whether a period, after the word [ws, p), ends the sentence given
 * what follows. Returns -1 when the general rule decides. */
static int period_rule(const splitter *sp, size_t ws, size_t p, const next_word *nw)
{
    if (ws >= p)
        return -1;
    int cls = lede_model_abbrev_class(sp->model, sp->text + ws, p - ws);
    if (cls == LEDE_ABBR_NONE) {
        size_t stem = after_elision(sp->text, ws, p);
        if (stem > ws)
            cls = lede_model_abbrev_class(sp->model, sp->text + stem, p - stem);
    }
    if (cls == LEDE_ABBR_NONE && sp->model->data->ordinal_dot &&
        is_small_number(sp->text, ws, p))
        cls = LEDE_ABBR_AMBIGUOUS;
    switch (cls) {
    case LEDE_ABBR_TITLE:
    case LEDE_ABBR_INNER:
        return 0;
    case LEDE_ABBR_NUMERIC:
        if (nw->digit)
            return 0;
        return -1;
    case LEDE_ABBR_AMBIGUOUS:
        return nw->starter;
    default:
        break;
    }
    if (is_initial(sp->text, ws, p) || is_dotted(sp->text, ws, p))
        return nw->starter;
    return -1;
}

static int is_open_bracket(int32_t c)
{
    return c == '(' || c == 0xFF08 || c == 0x300C || c == 0x300E;
}

static int is_close_bracket(int32_t c)
{
    return c == ')' || c == 0xFF09 || c == 0x300D || c == 0x300F;
}

/* Skips the closing quotes and brackets after a terminal run, keeping the
 * bracket depth. French puts a space before a closing guillemet ("non. »"):
 * a guillemet after spaces still belongs to the sentence when white space
 * or the end follows it. */
static size_t skip_closers(const char *text, size_t i, size_t end, size_t *depth,
                           int *closed_bracket)
{
    int32_t c;
    while (i < end) {
        size_t n = lede_text_next(text, end, i, &c);
        if (!lede_is_closer(c))
            break;
        if (is_close_bracket(c) && *depth > 0) {
            (*depth)--;
            *closed_bracket = 1;
        }
        i += n;
    }
    size_t j = i;
    while (j < end) {
        size_t n = lede_text_next(text, end, j, &c);
        if (c != ' ' && c != 0xA0 && c != 0x202F)
            break;
        j += n;
    }
    if (j > i && j < end) {
        size_t n = lede_text_next(text, end, j, &c);
        if (c == 0x00BB || c == 0x203A) {
            int32_t after = ' ';
            if (j + n < end)
                lede_text_next(text, end, j + n, &after);
            if (lede_is_space(after))
                return j + n;
        }
    }
    return i;
}

/* ====== Run-on sentences ====== */

/* Pages pasted as text run photo captions into the sentences around them
 * without a full stop ("...in the May issue of the magazine Short and sweet:
 * Julia revealed..."), making false sentences of a hundred words. A long
 * sentence is cut where a word ends without punctuation and the next one
 * starts a sentence: a capitalized stopword followed by a lower-case word
 * ("suggests The latest survey"), or a short capitalized label ending in a
 * colon ("magazine Short and sweet: Julia"). */
enum { RUN_ON_WORDS = 30, RUN_ON_PIECE_WORDS = 4, LABEL_WORDS = 5 };
/* Sentences shorter than this in bytes are not looked at: thirty words of
 * running text take more (this keeps word counting off the hot path). */
enum { RUN_ON_BYTES = 160 };

typedef struct word_span {
    size_t start, end;
} word_span;

/* The offset of the first character at or after `i` whose white-space-ness
 * differs from `space` (or `end`). */
static size_t skip_run(const char *text, size_t i, size_t end, int space)
{
    while (i < end) {
        int32_t c;
        size_t n = lede_text_next(text, end, i, &c);
        if (lede_is_space(c) != space)
            break;
        i += n;
    }
    return i;
}

/* The next white-space delimited word at or after `i`; end == start at the
 * end of the span. */
static word_span next_word_span(const char *text, size_t i, size_t end)
{
    size_t start = skip_run(text, i, end, 1);
    return (word_span){start, skip_run(text, start, end, 0)};
}

static int32_t first_char(const char *text, word_span w)
{
    int32_t c = 0;
    if (w.end > w.start)
        lede_text_next(text, w.end, w.start, &c);
    return c;
}

static int32_t last_char(const char *text, word_span w)
{
    int32_t c = 0;
    if (w.end > w.start)
        lede_text_prev(text, w.start, w.end, &c);
    return c;
}

/* A stopword written with a capital, which it has only at a sentence's
 * start: not English "I" nor German formal "Sie", capitalized anywhere. */
static int is_capitalized_stopword(const splitter *sp, word_span w)
{
    if (!lede_is_upper(first_char(sp->text, w)))
        return 0;
    char folded[64];
    size_t n = lede_fold_word(sp->text + w.start, w.end - w.start, folded, sizeof folded);
    return n > 0 && lede_model_is_stopword(sp->model, folded, n) &&
           !lede_model_is_capitalized(sp->model, folded, n);
}

/* Whether a sentence starts at word `w` (the words after it follow). */
/* Stopwords are short: longer words are not looked up. */
enum { STOPWORD_BYTES = 12, LABEL_BYTES = 80 };

static int starts_sentence(const splitter *sp, word_span w, size_t end)
{
    const char *text = sp->text;
    if (w.end - w.start <= STOPWORD_BYTES && is_capitalized_stopword(sp, w) &&
        lede_is_lower(first_char(text, next_word_span(text, w.end, end))))
        return 1;
    /* A label: up to five words, the first capitalized, the last ending in
     * ':', then a capitalized word. Most capitals start no label: look for
     * the colon first. */
    if (!lede_is_upper(first_char(text, w)))
        return 0;
    size_t window = end - w.start < LABEL_BYTES ? end - w.start : LABEL_BYTES;
    if (!memchr(text + w.start, ':', window))
        return 0;
    word_span x = w;
    for (int k = 0; k < LABEL_WORDS && x.end > x.start; k++) {
        if (last_char(text, x) == ':') {
            word_span after = next_word_span(text, x.end, end);
            return lede_is_upper(first_char(text, after));
        }
        if (!lede_is_alnum(last_char(text, x)))
            return 0;
        x = next_word_span(text, x.end, end);
    }
    return 0;
}

/* An ASCII byte that is not white space (nor NUL, which reads as U+FFFD). */
static int is_ascii_word_byte(unsigned char b)
{
    return b < 0x80 && b != 0 && (lede_ascii_class[b] & LEDE_ASCII_SPACE) == 0;
}

/* Cuts are bounded so they live on the stack; past 64 the rest of a run-on
 * stays one piece (64 unpunctuated sentences in a row is no prose). */
enum { MAX_CUTS = 64 };

/* The last byte before the white space in front of `i` (a word start),
 * or 0 when the sentence has none before it. ASCII text. */
static unsigned char last_byte_before(const char *text, size_t start, size_t i)
{
    while (i > start && lede_space_byte((unsigned char)text[i - 1]))
        i--;
    return i > start ? (unsigned char)text[i - 1] : 0;
}

/* Whether a cut may come before the word at `i` (starting with a
 * capital), the previous word ending in `last`, `since_cut` words after the
 * last cut. The word is read only past the cheap checks. */
static int cut_before(const splitter *sp, size_t i, size_t end, int32_t last, size_t since_cut)
{
    return since_cut >= RUN_ON_PIECE_WORDS && (lede_is_lower(last) || lede_is_digit(last)) &&
           starts_sentence(sp, next_word_span(sp->text, i, end), end);
}

/* The cut points of [start, end), at most MAX_CUTS, and the words before
 * each (cut_words), into the arrays; returns how many. For a sentence of
 * ASCII only: the only word starts that can be cut at are capitals after
 * white space, found sixteen bytes at a time with the words before each,
 * instead of decoding every character (a third of a batch's bytes are in
 * sentences long enough to be looked at). */
static size_t find_cuts_ascii(const splitter *sp, size_t start, size_t end, size_t *cut_at,
                              size_t *cut_words)
{
    const char *text = sp->text;
    size_t ncuts = 0, words = 0, counted = start;
    for (size_t i = lede_next_capital_word(text, start + 1, end); i < end && ncuts < MAX_CUTS;
         i = lede_next_capital_word(text, i + 1, end)) {
        words += lede_ascii_words(text, counted, i); /* i starts a word: none is cut */
        counted = i;
        size_t since_cut = words - (ncuts > 0 ? cut_words[ncuts - 1] : 0);
        if (cut_before(sp, i, end, last_byte_before(text, start, i), since_cut)) {
            cut_at[ncuts] = i;
            cut_words[ncuts++] = words;
        }
    }
    return ncuts;
}

/* find_cuts_ascii for any text, with its word count in *words: one loop
 * over the characters; a word start is looked at closely only when it is a
 * capital after a bare word. */
static size_t find_cuts(const splitter *sp, size_t start, size_t end, size_t *cut_at,
                        size_t *cut_words, size_t *words)
{
    const char *text = sp->text;
    size_t ncuts = 0, since_cut = 0;
    int in_word = 0;
    int32_t last = 0; /* the last character of the previous word */
    *words = 0;
    for (size_t i = start; i < end;) {
        int32_t c;
        size_t n = lede_text_next(text, end, i, &c);
        if (lede_is_space(c)) {
            in_word = 0;
            i += n;
            continue;
        }
        if (!in_word) {
            if (ncuts < MAX_CUTS && lede_is_upper(c) &&
                cut_before(sp, i, end, last, since_cut)) {
                cut_at[ncuts] = i;
                cut_words[ncuts++] = *words;
                since_cut = 0;
            }
            (*words)++;
            since_cut++;
            in_word = 1;
        }
        last = c;
        i += n;
        /* Inside a word only its last character matters: skip the ASCII
         * run to it at once. */
        size_t run = i;
        while (run < end && is_ascii_word_byte((unsigned char)text[run]))
            run++;
        if (run > i) {
            last = (unsigned char)text[run - 1];
            i = run;
        }
    }
    return ncuts;
}

/* Emits [start, end) as one sentence, or as several when it is a run-on:
 * more than RUN_ON_WORDS words, cut where a word ends without punctuation
 * and the next one starts a sentence, each piece after a cut at least
 * RUN_ON_PIECE_WORDS long (the cuts are found first, and made once the
 * word count is known). */
static lede_status emit_sentence(splitter *sp, size_t start, size_t end)
{
    if (end - start < RUN_ON_BYTES)
        return emit(sp, start, end, LEDE_KIND_SENTENCE);
    /* Most long sentences are not run-ons: an ASCII one's words are counted
     * 16 bytes at a time. */
    size_t words = lede_ascii_words(sp->text, start, end);
    if (words != LEDE_SCAN_NOT_ASCII && words <= RUN_ON_WORDS)
        return emit(sp, start, end, LEDE_KIND_SENTENCE);
    size_t cut_at[MAX_CUTS], cut_words[MAX_CUTS];
    size_t ncuts = words != LEDE_SCAN_NOT_ASCII
                       ? find_cuts_ascii(sp, start, end, cut_at, cut_words)
                       : find_cuts(sp, start, end, cut_at, cut_words, &words);
    if (words <= RUN_ON_WORDS)
        return emit(sp, start, end, LEDE_KIND_SENTENCE);
    /* The last piece must be long enough too. */
    while (ncuts > 0 && words - cut_words[ncuts - 1] < RUN_ON_PIECE_WORDS)
        ncuts--;
    size_t piece = start;
    for (size_t k = 0; k < ncuts; k++) {
        lede_status st = emit(sp, piece, cut_at[k], LEDE_KIND_SENTENCE);
        if (st != LEDE_OK)
            return st;
        piece = cut_at[k];
    }
    return emit(sp, piece, end, LEDE_KIND_SENTENCE);
}

/* ====== Attributions ====== */

/* A quotation that ends in a question or exclamation mark is often followed
 * by who said it: "Why?" Tom asked. After a lower-case word ("Why?" asked
 * Tom, "Stop!" she shouted) the general rule keeps the sentence whole; a
 * name is capitalized as the next sentence's first word is, and what tells
 * them apart is a verb of speech (the model's speech_verbs) after the name
 * ("Go!" Tom left the room: two sentences) that ends its clause ("Are you
 * okay?" Mary said nothing: two). Only where the quotation opens the
 * sentence: in He asked "Why?" Tom said nothing, the question is what he
 * asked, and Tom starts the next sentence. After a period the quotation
 * ends the sentence ("I'm leaving." Tom left), as the writer put no comma.
 * A wrong join costs more than a missed one (a sentence then carries the
 * next), so each test leans to the boundary. */
enum { ATTRIBUTION_NAMES = 3, ATTRIBUTION_VERB_BYTES = 32 };

static int is_quote_mark(int32_t c)
{
    return c == '"' || c == '\'' || (c >= 0x2018 && c <= 0x201F) || c == 0x00AB || c == 0x00BB ||
           c == 0x2039 || c == 0x203A;
}

/* Question and exclamation marks: ASCII, the doubled and mixed ones
 * (U+203C, U+203D, U+2047-U+2049), and the Greek question mark (';' is a
 * terminal only where the model says it is one). */
static int is_question_or_exclamation(int32_t c)
{
    return c == '?' || c == '!' || c == ';' || c == 0x037E || c == 0x203C || c == 0x203D ||
           (c >= 0x2047 && c <= 0x2049);
}

/* Whether the terminal run at `p` is made of question and exclamation
 * marks only and the closers after it, up to `i`, hold a quotation mark. */
static int quoted_question(const char *text, size_t p, size_t i)
{
    int32_t c;
    size_t k = p;
    while (k < i) {
        size_t n = lede_text_next(text, i, k, &c);
        if (!is_question_or_exclamation(c))
            break;
        k += n;
    }
    int quoted = 0;
    while (k < i) {
        k += lede_text_next(text, i, k, &c);
        if (lede_terminal_class(c) != LEDE_TERM_NONE)
            return 0; /* "Why?.." or "Stop!…": not these marks alone */
        quoted |= is_quote_mark(c);
    }
    return quoted;
}

/* Whether the sentence from `sent` opens with a quotation mark and has no
 * other before `p` (an apostrophe inside a word is none): the quotation
 * that closes after the terminal run at `p` is then the one that opens the
 * sentence, not a later one ("Fake news" was his answer to "Why?" Tom
 * said nothing: two sentences). */
static int opens_with_quote(const char *text, size_t sent, size_t p)
{
    size_t k = sent;
    int32_t c = ' ';
    while (k < p && lede_is_space(c))
        k += lede_text_next(text, p, k, &c);
    if (!is_quote_mark(c))
        return 0;
    int32_t prev = c;
    while (k < p) {
        size_t n = lede_text_next(text, p, k, &c);
        if (is_quote_mark(c)) {
            int32_t next = 0;
            if (k + n < p)
                lede_text_next(text, p, k + n, &next);
            if (!is_apostrophe(c) || !lede_is_alnum(prev) || !lede_is_alnum(next))
                return 0;
        }
        prev = c;
        k += n;
    }
    return 1;
}

/* Whether a word of a name that holds a period is initials (J., J.R.) or a
 * title the model lists (Mr., Dr.): "Yes." or "Arsenal." is a sentence of
 * its own, not part of a name. */
static int name_with_period(const splitter *sp, word_span w)
{
    const char *text = sp->text;
    int initials = 1;
    size_t letters = 0, periods = 0;
    for (size_t k = w.start; k < w.end;) {
        int32_t c;
        k += lede_text_next(text, w.end, k, &c);
        if (c == '.') {
            initials = initials && letters == 1;
            letters = 0;
            periods++;
        } else {
            letters++;
        }
    }
    if (letters > 0 || periods == 0)
        return 0; /* a period inside, not at the end */
    if (initials)
        return 1;
    return periods == 1 &&
           lede_model_abbrev_class(sp->model, text + w.start, w.end - w.start - 1) ==
               LEDE_ABBR_TITLE;
}

/* A word of a name: capitalized, of letters, digits, apostrophes and
 * hyphens (O'Brien, Jean-Luc), or initials or a title (J., Mr.), and no
 * stopword that starts a sentence (The, He; "Why?" I asked is an
 * attribution) nor a word the model lists as no name (Nobody). */
static int is_name_word(const splitter *sp, word_span w)
{
    const char *text = sp->text;
    if (!lede_is_upper(first_char(text, w)))
        return 0;
    int period = 0;
    for (size_t k = w.start; k < w.end;) {
        int32_t c;
        k += lede_text_next(text, w.end, k, &c);
        period |= c == '.';
        if (!lede_is_alnum(c) && !is_apostrophe(c) && c != '-' && c != '.')
            return 0;
    }
    if (period)
        return name_with_period(sp, w);
    /* Folded once for both lists: a word the model says is never a name
     * ("Is he dead?" Nobody answered: nobody said the question), and a
     * capitalized stopword (as is_capitalized_stopword, its capital known). */
    char folded[64];
    size_t n = lede_fold_word(text + w.start, w.end - w.start, folded, sizeof folded);
    if (n > 0 && lede_model_is_not_name(sp->model, folded, n))
        return 0;
    return w.end - w.start > STOPWORD_BYTES || n == 0 ||
           !lede_model_is_stopword(sp->model, folded, n) ||
           lede_model_is_capitalized(sp->model, folded, n);
}

/* Whether a verb of speech whose letters end at `e`, inside word `w`, ends
 * its clause: punctuation right after it ("asked." "said,") or a dash, or
 * nothing more. "Mary said nothing." and "Smith told police" go on, and
 * are new sentences. */
static int ends_clause(const char *text, word_span w, size_t e, size_t end)
{
    int32_t c;
    if (e < w.end) {
        lede_text_next(text, w.end, e, &c);
    } else {
        word_span next = next_word_span(text, w.end, end);
        if (next.end == next.start)
            return 1;
        c = first_char(text, next);
    }
    return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?' ||
           c == 0x2026 || c == 0x2013 || c == 0x2014;
}

/* Whether the word is a verb of speech in lower case that ends its clause,
 * with what follows its letters ("asked." "said,") left out. */
static int is_speech_verb(const splitter *sp, word_span w, size_t end)
{
    const char *text = sp->text;
    if (!lede_is_lower(first_char(text, w)))
        return 0;
    size_t e = w.start;
    while (e < w.end) {
        int32_t c;
        size_t n = lede_text_next(text, w.end, e, &c);
        if (!lede_is_alnum(c))
            break;
        e += n;
    }
    char folded[2 * ATTRIBUTION_VERB_BYTES];
    size_t n = e - w.start <= ATTRIBUTION_VERB_BYTES
                   ? lede_fold_word(text + w.start, e - w.start, folded, sizeof folded)
                   : 0;
    return n > 0 && lede_model_is_speech_verb(sp->model, folded, n) &&
           ends_clause(text, w, e, end);
}

/* Whether up to ATTRIBUTION_NAMES words of a name and then a verb of
 * speech follow `i`. */
static int speaker_follows(const splitter *sp, size_t i, size_t end)
{
    word_span w = next_word_span(sp->text, i, end);
    for (int names = 0; w.end > w.start; names++) {
        if (names > 0 && is_speech_verb(sp, w, end))
            return 1;
        if (names == ATTRIBUTION_NAMES || !is_name_word(sp, w))
            return 0;
        w = next_word_span(sp->text, w.end, end);
    }
    return 0;
}

/* Whether the terminal run at `p`, with its closers up to `i`, ends a
 * quotation that opens the sentence from `sent` and is followed by its
 * attribution: then it ends no sentence. */
static int attribution_follows(const splitter *sp, size_t sent, size_t p, size_t i, size_t end)
{
    return sp->model->data->speech_verbs[0] != '\0' && quoted_question(sp->text, p, i) &&
           opens_with_quote(sp->text, sent, p) && speaker_follows(sp, i, end);
}

/* Whether a letter or digit is at text[i] (a byte of a non-ASCII character
 * counts as one). */
static int starts_word_at(const char *text, size_t i, size_t end)
{
    unsigned char b = i < end ? (unsigned char)text[i] : 0;
    return b >= 0x80 || lede_alnum_byte(b);
}

static int terminal_class(const splitter *sp, int32_t c)
{
    return terminal_of(c, sp->question_semicolon);
}

/* Whether the full-width full stop of `n` bytes at `i` stands between two
 * digits, as a decimal point (３．５), which ends no sentence. */
static int full_width_decimal_point(const char *text, size_t start, size_t i, size_t n,
                                    size_t end)
{
    if (i == start || i + n >= end)
        return 0;
    int32_t before, after;
    lede_text_prev(text, start, i, &before);
    lede_text_next(text, end, i + n, &after);
    return lede_is_digit(before) && lede_is_digit(after);
}

/* The end of the run of plain bytes at `i`, stopping at a ';' that ends a
 * sentence (a plain byte otherwise): one scan either way. The hint keeps
 * the common loop laid out as it was without the second one (callgrind:
 * English text the same, Greek 0.7% fewer instructions than a memchr for
 * ';' after the plain scan). */
static size_t skip_plain_run(const splitter *sp, size_t i, size_t end)
{
    if (__builtin_expect(sp->question_semicolon, 0))
        return lede_skip_plain_semicolon(sp->text, i, end);
    return lede_skip_plain(sp->text, i, end);
}

/* Splits the running text [start, end) into sentences. */
static lede_status split_sentences(splitter *sp, size_t start, size_t end)
{
    const char *text = sp->text;
    size_t sent = start;
    size_t depth = 0;
    int has_alnum = 0;
    for (size_t i = start; i < end;) {
        if (lede_plain_byte((unsigned char)text[i]) && (text[i] != ';' || !sp->question_semicolon)) {
            /* Most bytes are plain ASCII that matters only as a word. */
            size_t stop = skip_plain_run(sp, i, end);
            for (; !has_alnum && i < stop; i++)
                has_alnum = lede_is_alnum((unsigned char)text[i]);
            i = stop;
            continue;
        }
        int32_t c;
        size_t n = lede_text_next(text, end, i, &c);
        int term = terminal_class(sp, c);
        if (c == 0xFF0E && full_width_decimal_point(text, start, i, n, end))
            term = LEDE_TERM_NONE;
        if (term == LEDE_TERM_NONE) {
            if (is_open_bracket(c))
                depth++;
            else if (is_close_bracket(c) && depth > 0)
                depth--;
            else if (!has_alnum && lede_is_alnum(c))
                has_alnum = 1;
            i += n;
            continue;
        }
        /* A run of terminals (?!, ..., …) and the closers after it. */
        size_t p = i, run = 0;
        int single_period = c == '.';
        while (i < end) {
            n = lede_text_next(text, end, i, &c);
            int t = terminal_class(sp, c);
            if (t == LEDE_TERM_NONE)
                break;
            if (t == LEDE_TERM_STRONG)
                term = t;
            run++;
            i += n;
        }
        /* A spaced ellipsis (". . .") is one run, as "..." is; a period
         * that starts a word (".NET") is no part of one. */
        while (i + 1 < end && text[i - 1] == '.' && text[i] == ' ' && text[i + 1] == '.' &&
               !starts_word_at(text, i + 2, end)) {
            i += 2;
            run++;
        }
        single_period = single_period && run == 1;
        int closed_bracket = 0;
        i = skip_closers(text, i, end, &depth, &closed_bracket);
        if (i >= end)
            break;
        lede_text_next(text, end, i, &c);
        if (term != LEDE_TERM_STRONG && !lede_is_space(c))
            continue;
        /* A quotation closed right after an ideographic full stop and
         * followed by more text is part of the sentence: 「行きます。」と言った. */
        if (term == LEDE_TERM_STRONG && closed_bracket && !lede_is_space(c) &&
            !lede_is_opener(c))
            continue;
        next_word nw = look_ahead(sp, i, end);
        if (!nw.exists)
            break;
        int boundary = -1;
        if (single_period) {
            size_t ws;
            word_before(text, sent, p, &ws);
            boundary = period_rule(sp, ws, p, &nw);
        }
        if (boundary < 0)
            boundary = term == LEDE_TERM_STRONG || !nw.lower;
        if (boundary && depth > 0 && paren_closes_soon(text, i, end))
            boundary = 0;
        if (boundary && !single_period && attribution_follows(sp, sent, p, i, end))
            boundary = 0;
        if (!boundary || !has_alnum)
            continue;
        lede_status st = emit_sentence(sp, sent, i);
        if (st != LEDE_OK)
            return st;
        sent = i;
        depth = 0;
        has_alnum = 0;
    }
    if (has_alnum)
        return emit_sentence(sp, sent, end);
    /* Trailing punctuation after the last boundary stays with the sentence
     * before it; a block without any word is a line of symbols. */
    lede_units *u = sp->u;
    if (sent > start && u->count > 0) {
        size_t s = sent, e = end;
        trim(text, &s, &e);
        if (s < e)
            u->items[u->count - 1].end = e;
        return LEDE_OK;
    }
    return emit(sp, sent, end, LEDE_KIND_LINE);
}

/* ====== Blocks ====== */

enum { SHORT_LINE_WORDS = 15, SHORT_LINE_BYTES = 60 };

/* A single line that lacks terminal punctuation and is short is a unit of
 * its own (a title, a link line, a caption). */
static int standalone_line(const char *text, size_t start, size_t end, int question_semicolon)
{
    if (ends_with_terminal(text, start, end, question_semicolon) ||
        more_words_than(text, start, end, SHORT_LINE_WORDS))
        return 0;
    /* A terminal before white space inside means running text that lacks
     * only its last full stop. */
    int after_terminal = 0;
    for (size_t i = start; i < end;) {
        int32_t c;
        i += lede_text_next(text, end, i, &c);
        if (after_terminal && lede_is_space(c))
            return 0;
        after_terminal = terminal_of(c, question_semicolon) != LEDE_TERM_NONE ||
                         (after_terminal && lede_is_closer(c));
    }
    return 1;
}

/* Whether a line starts otherwise than with a lower-case letter, looking
 * past opening quotes and brackets: "(https://... which" goes on the
 * sentence of the line before it, "“The", "<div>" or "2024" may not. */
static int starts_upper_or_digit(const char *text, const lede_line *l)
{
    int32_t c = 0;
    for (size_t i = l->start; i < l->end;) {
        i += lede_text_next(text, l->end, i, &c);
        if (!lede_is_opener(c))
            break;
    }
    return !lede_is_lower(c);
}

/* Emits a paragraph of running text made of lines [first, last]. A short
 * line without terminal punctuation followed by a capitalized line is split
 * off as a line unit: a title above a hard-wrapped paragraph. */
static lede_status emit_prose(splitter *sp, size_t first, size_t last)
{
    const lede_line *lines = sp->u->lines;
    const char *text = sp->text;
    if (first == last && standalone_line(text, lines[first].start, lines[first].end, sp->question_semicolon)) {
        lede_status st = emit(sp, lines[first].start, lines[first].end, LEDE_KIND_LINE);
        sp->paragraph++;
        return st;
    }
    size_t longest = 0;
    for (size_t i = first; i <= last; i++)
        if (lines[i].end - lines[i].start > longest)
            longest = lines[i].end - lines[i].start;
    size_t run = first;
    for (size_t i = first; i < last; i++) {
        const lede_line *l = &lines[i];
        size_t width = l->end - l->start;
        int short_line = !l->terminal && width < SHORT_LINE_BYTES && width * 4 < longest * 3 &&
                         starts_upper_or_digit(text, &lines[i + 1]) &&
                         !more_words_than(text, l->start, l->end, SHORT_LINE_WORDS);
        if (!short_line)
            continue;
        lede_status st;
        if (run < i) {
            st = split_sentences(sp, lines[run].start, lines[i - 1].end);
            sp->paragraph++;
            if (st != LEDE_OK)
                return st;
        }
        st = emit(sp, l->start, l->end, LEDE_KIND_LINE);
        sp->paragraph++;
        if (st != LEDE_OK)
            return st;
        run = i + 1;
    }
    lede_status st = split_sentences(sp, lines[run].start, lines[last].end);
    sp->paragraph++;
    return st;
}

static lede_status emit_list_item(splitter *sp, size_t content, size_t last)
{
    const lede_line *l = &sp->u->lines[last];
    lede_status st;
    if (standalone_line(sp->text, content, l->end, sp->question_semicolon))
        st = emit(sp, content, l->end, LEDE_KIND_LINE);
    else
        st = split_sentences(sp, content, l->end);
    sp->paragraph++;
    return st;
}

/* Paragraph-per-line text: no blank line between paragraphs, and most lines
 * end with terminal punctuation. Hard-wrapped text fails the second test. */
static int line_mode(const lede_line *lines, size_t n)
{
    size_t nonblank = 0, terminal = 0, first = n, last = 0;
    for (size_t i = 0; i < n; i++) {
        if (lines[i].blank)
            continue;
        if (first == n)
            first = i;
        last = i;
        nonblank++;
        terminal += (size_t)lines[i].terminal;
    }
    for (size_t i = first; i < last; i++)
        if (lines[i].blank)
            return 0;
    return nonblank > 1 && terminal * 2 > nonblank;
}

enum block_type { BLOCK_NONE, BLOCK_PROSE, BLOCK_LIST };

typedef struct block {
    enum block_type type;
    size_t first;   /* first line */
    size_t last;    /* last line */
    size_t content; /* list items: where the text after the marker starts */
} block;

static lede_status close_block(splitter *sp, block *b)
{
    lede_status st = LEDE_OK;
    sp->quoted = b->type != BLOCK_NONE && sp->u->lines[b->first].quoted;
    if (b->type == BLOCK_PROSE)
        st = emit_prose(sp, b->first, b->last);
    else if (b->type == BLOCK_LIST)
        st = emit_list_item(sp, b->content, b->last);
    b->type = BLOCK_NONE;
    sp->quoted = 0;
    return st;
}

/* The lines between the opening and closing lines of fenced code or front
 * matter, each a unit of its own, in one paragraph: LEDE_KIND_LINE, since
 * code and metadata are not ranked. Their text starts where the line does:
 * '>' there is code, unless the fence is in a block quote. */
static lede_status emit_literal_lines(splitter *sp, size_t open, size_t close)
{
    const lede_line *lines = sp->u->lines;
    size_t before = sp->u->count;
    lede_status st = LEDE_OK;
    sp->literal = 1;
    for (size_t i = open + 1; i < close && st == LEDE_OK; i++) {
        size_t start = lines[open].quoted ? lines[i].start : lines[i].unquoted;
        st = emit(sp, start, lines[i].end, LEDE_KIND_LINE);
    }
    sp->literal = 0;
    if (sp->u->count > before)
        sp->paragraph++;
    return st;
}

/* Whether line `row` goes on the table whose header is line `head`: it
 * holds a '|', is quoted as the header is, and starts no other block (a
 * heading, a fence). */
static int table_goes_on(const splitter *sp, size_t head, size_t row)
{
    const lede_line *lines = sp->u->lines;
    size_t hs, he;
    return has_pipe(sp->text, &lines[row]) && lines[row].quoted == lines[head].quoted &&
           lines[row].fence_run == 0 && !atx_heading(sp->text, &lines[row], &hs, &he);
}

/* A line of markup (a link definition) as a unit of its own, kept out of
 * summaries and titles; consecutive ones make one paragraph. */
static lede_status emit_literal_line(splitter *sp, size_t i)
{
    const lede_line *lines = sp->u->lines;
    sp->literal = 1;
    lede_status st = emit(sp, lines[i].start, lines[i].end, LEDE_KIND_LINE);
    sp->literal = 0;
    if (i + 1 >= sp->nlines || lines[i + 1].quoted != lines[i].quoted ||
        !link_definition(sp->text, &lines[i + 1]))
        sp->paragraph++;
    return st;
}

/* A table from its header row `first` (the delimiter row after it): each
 * row a unit of its own (LEDE_KIND_LINE: cells are not sentences), one
 * paragraph (table_goes_on). Returns the last line of the table in *last. */
static lede_status emit_table(splitter *sp, size_t first, size_t *last)
{
    const lede_line *lines = sp->u->lines;
    sp->literal = 1;
    lede_status st = emit(sp, lines[first].start, lines[first].end, LEDE_KIND_LINE);
    size_t i = first + 2;
    for (; i < sp->nlines && table_goes_on(sp, first, i) && st == LEDE_OK; i++)
        st = emit(sp, lines[i].start, lines[i].end, LEDE_KIND_LINE);
    sp->literal = 0;
    sp->paragraph++;
    *last = i - 1;
    return st;
}

static lede_status emit_heading(splitter *sp, size_t start, size_t end)
{
    lede_status st = emit(sp, start, end, LEDE_KIND_HEADING);
    sp->paragraph++;
    return st;
}

lede_status lede_units_split(lede_units *u, const char *text, size_t begin, size_t len,
                             const lede_model *model)
{
    u->count = 0;
    u->paragraphs = 0;
    size_t nlines;
    int question_semicolon = model->data->question_semicolon;
    lede_status st = scan_lines(u, text, begin, len, question_semicolon, &nlines);
    if (st != LEDE_OK)
        return st;
    splitter sp = {u, text, model, 0, question_semicolon, 0, 0, nlines};
    find_fence_closers(u->lines, nlines);
    block b = {BLOCK_NONE, 0, 0, 0};
    size_t first = front_matter_end(text, u->lines, nlines);
    if (first > 0) {
        st = emit_literal_lines(&sp, 0, first);
        first++;
    }
    /* No arithmetic on u->lines when there are none: it may be NULL. */
    int per_line = first < nlines && line_mode(u->lines + first, nlines - first);
    for (size_t i = first; i < nlines && st == LEDE_OK; i++) {
        const lede_line *l = &u->lines[i];
        size_t hs, he, content, close;
        char mark;
        if (l->blank) {
            st = close_block(&sp, &b);
        } else if ((close = fence_end(text, u->lines, nlines, i)) > 0) {
            st = close_block(&sp, &b);
            if (st == LEDE_OK)
                st = emit_literal_lines(&sp, i, close);
            i = close;
        } else if (table_starts(text, u->lines, nlines, i)) {
            st = close_block(&sp, &b);
            if (st == LEDE_OK)
                st = emit_table(&sp, i, &i);
        } else if (rule_line(text, l, &mark)) {
            /* A setext underline turns a one-line paragraph into a heading;
             * otherwise the rule is a separator and carries no text. */
            if ((mark == '=' || mark == '-') && b.type == BLOCK_PROSE && b.first == b.last) {
                b.type = BLOCK_NONE;
                st = emit_heading(&sp, u->lines[b.first].start, u->lines[b.first].end);
            } else {
                st = close_block(&sp, &b);
            }
        } else if (atx_heading(text, l, &hs, &he)) {
            st = close_block(&sp, &b);
            if (st == LEDE_OK && hs < he)
                st = emit_heading(&sp, hs, he);
        } else if (list_marker(text, l, &content) || footnote_definition(text, l, &content)) {
            st = close_block(&sp, &b);
            b = (block){BLOCK_LIST, i, i, content};
        } else if (b.type == BLOCK_NONE && link_definition(text, l)) {
            /* Not inside a paragraph, as in CommonMark. */
            st = emit_literal_line(&sp, i);
        } else if (b.type != BLOCK_NONE && !per_line && !(l->quoted && !u->lines[b.first].quoted)) {
            /* A line goes on the block, unless it starts a block quote (an
             * unquoted line may go on a quoted paragraph, as CommonMark's
             * lazy continuation). */
            b.last = i;
        } else {
            st = close_block(&sp, &b);
            b = (block){BLOCK_PROSE, i, i, 0};
        }
    }
    if (st == LEDE_OK)
        st = close_block(&sp, &b);
    u->paragraphs = sp.paragraph;
    return st;
}

void lede_units_free(lede_units *u)
{
    free(u->items);
    free(u->lines);
    memset(u, 0, sizeof *u);
}
