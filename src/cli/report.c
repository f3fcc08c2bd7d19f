/* report.c - the HTML page of `lede summarize --format html` (see report.h).
 *
 * Every unit of the summary becomes an element with the anchor dK-sI
 * (section K, unit I): ranked sentences are <span class="s lN"> with N the
 * shade (0..9, the score's tenth of the document's top score), picked ones
 * also carry the class "picked"; headings and short lines are <span class="u">
 * and unshaded. Units of one paragraph share a <p> (an <h3> for headings). */
#include "report.h"

#include <string.h>
#include <utf8proc.h>

#define SHADES 10

static const char page_style[] =
    "body{margin:0 auto;max-width:46em;padding:1em 1.5em 3em;color:#1d1d1d;background:#fff;"
    "font:17px/1.6 Georgia,'DejaVu Serif',serif}\n"
    "h1{font-size:1.6em;line-height:1.25;margin:1.2em 0 .2em}\n"
    "h2{font:600 .8em/1.4 sans-serif;letter-spacing:.08em;text-transform:uppercase;"
    "color:#555;margin:1.6em 0 .4em}\n"
    "h3{font-size:1.15em;margin:1.2em 0 .4em}\n"
    "section{border-top:1px solid #ccc;margin-top:2em}\n"
    ".meta{font:.85em/1.4 sans-serif;color:#555;margin:0}\n"
    ".legend{font:.85em/1.5 sans-serif;color:#333;background:#f6f6f6;padding:.5em 1em;"
    "border-radius:4px;margin-top:1em}\n"
    ".legend p{margin:.3em 0}\n"
    ".scale{white-space:nowrap}\n"
    ".key{display:inline-block;min-width:1.8em;padding:0 .3em;text-align:center}\n"
    ".summary li{margin:.3em 0}\n"
    ".summary a{color:#0b4a9e}\n"
    ".s{padding:.1em 0;border-radius:2px}\n"
    ".picked,.key-picked{font-weight:600;border-bottom:3px solid #1a5fb4}\n"
    ".s:target{outline:3px solid #c01c28;outline-offset:2px}\n"
    ".item{padding-left:1.5em;position:relative}\n"
    ".item::before{content:'\\2022';position:absolute;left:.5em}\n"
    ".quote{border-left:3px solid #bbb;padding-left:1em;color:#333}\n"
    ".pre{font-family:'DejaVu Sans Mono',monospace;font-size:.9em}\n"
    ".cell{border-left:1px dotted #999;padding-left:.6em}\n"
    ".l0{background:#fffae1}\n"
    ".l1{background:#fef1cb}\n"
    ".l2{background:#fde8b6}\n"
    ".l3{background:#fcdfa0}\n"
    ".l4{background:#fbd68a}\n"
    ".l5{background:#f9ce75}\n"
    ".l6{background:#f8c55f}\n"
    ".l7{background:#f7bc49}\n"
    ".l8{background:#f6b334}\n"
    ".l9{background:#f5aa1e}\n";

static const char page_legend[] =
    "<header class=\"legend\">\n"
    "<p>Each sentence is shaded by its score, in ten steps from zero to the highest score in "
    "its text: <span class=\"scale\"><span class=\"key l0\">low</span>"
    "<span class=\"key l1\">&nbsp;</span><span class=\"key l2\">&nbsp;</span>"
    "<span class=\"key l3\">&nbsp;</span><span class=\"key l4\">&nbsp;</span>"
    "<span class=\"key l5\">&nbsp;</span><span class=\"key l6\">&nbsp;</span>"
    "<span class=\"key l7\">&nbsp;</span><span class=\"key l8\">&nbsp;</span>"
    "<span class=\"key l9\">top</span></span>. Hover over a sentence for its rank and "
    "score.</p>\n"
    "<p><span class=\"key-picked\">Bold and underlined</span>: picked for the summary, which "
    "heads each text and links to them. Headings and short lines are not ranked and not "
    "shaded.</p>\n"
    "</header>\n";

/* ====== Escaping ====== */

/* The entity that stands for an ASCII byte in HTML text and attribute
 * values, or NULL when the byte stands for itself. NUL, which --replace-invalid
 * reads as U+FFFD, is written as U+FFFD. */
static const char *entity_for(char c)
{
    static const char *const entities[][2] = {
        {"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}, {"'", "&#39;"},
    };
    if (c == '\0')
        return "\xEF\xBF\xBD";
    for (size_t i = 0; i < sizeof entities / sizeof entities[0]; i++)
        if (c == entities[i][0][0])
            return entities[i][1];
    return NULL;
}

/* Writes `s` as HTML text or attribute value: markup characters become
 * entities and each byte of an invalid UTF-8 sequence becomes U+FFFD (file
 * names are bytes; everything else lede gives is valid already). */
static void put_escaped(FILE *out, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t run = i;
        while (run < len && (unsigned char)s[run] < 0x80 && !entity_for(s[run]))
            run++;
        fwrite(s + i, 1, run - i, out);
        i = run;
        if (i == len)
            break;
        const char *entity = entity_for(s[i]);
        if (entity) {
            fputs(entity, out);
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) {
            fputs("\xEF\xBF\xBD", out);
            n = 1;
        } else {
            fwrite(s + i, 1, (size_t)n, out);
        }
        i += (size_t)n;
    }
}

static void put_escaped_str(FILE *out, const char *s)
{
    put_escaped(out, s, strlen(s));
}

/* ====== Page ====== */

void cli_report_init(cli_report *r, FILE *out, size_t nfiles)
{
    r->out = out;
    r->nfiles = nfiles;
    r->sections = 0;
}

static void begin_page(const cli_report *r, const char *heading)
{
    FILE *out = r->out;
    fputs("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          out);
    if (r->nfiles == 1) {
        put_escaped_str(out, heading);
        fputs(" - lede summary", out);
    } else {
        fprintf(out, "lede summary of %zu inputs", r->nfiles);
    }
    fputs("</title>\n<style>\n", out);
    fputs(page_style, out);
    fputs("</style>\n</head>\n<body>\n", out);
    fputs(page_legend, out);
}

void cli_report_finish(cli_report *r)
{
    if (r->sections > 0)
        fputs("</body>\n</html>\n", r->out);
}

/* ====== One section ====== */

/* What a section needs while its units are written. */
typedef struct section {
    FILE *out;
    size_t number;            /* K of the dK-sI anchors */
    const lede_summary *sum;
    const lede_document *doc; /* NULL for plain text */
    const char *text;         /* what the spans index */
    size_t len;
    double top_score;         /* the highest score of a ranked sentence */
    size_t ranked;
    size_t doc_para;          /* cursor into the document's paragraphs */
} section;

static int shade_of(const section *sec, double score)
{
    if (sec->top_score <= 0 || score <= 0)
        return 0;
    int level = (int)(SHADES * (score / sec->top_score));
    return level >= SHADES ? SHADES - 1 : level;
}

/* True when the line holding byte `start` begins, before it, with a list
 * marker ("-", "*", "+", "•", "1.", "1)") and white space only. */
static int after_list_marker(const char *text, size_t start)
{
    size_t b = start;
    while (b > 0 && text[b - 1] != '\n' && text[b - 1] != '\r')
        b--;
    while (b < start && (text[b] == ' ' || text[b] == '\t'))
        b++;
    size_t m = b;
    if (start - b >= 3 && memcmp(text + b, "\xE2\x80\xA2", 3) == 0) {
        m = b + 3;
    } else if (m < start && text[m] && strchr("-*+", text[m])) {
        m++;
    } else {
        while (m < start && text[m] >= '0' && text[m] <= '9')
            m++;
        if (m == b || m == start || (text[m] != '.' && text[m] != ')'))
            return 0;
        m++;
    }
    if (m == b || m == start || (text[m] != ' ' && text[m] != '\t'))
        return 0;
    while (m < start && (text[m] == ' ' || text[m] == '\t'))
        m++;
    return m == start;
}

/* The class of the paragraph starting with `first`: the page's paragraph
 * kind for documents, a list item for text after a list marker. */
static const char *paragraph_class(section *sec, const lede_sentence *first)
{
    if (!sec->doc)
        return after_list_marker(sec->text, first->start) ? "item" : NULL;
    size_t n = lede_document_paragraph_count(sec->doc);
    while (sec->doc_para + 1 < n &&
           lede_document_paragraph(sec->doc, sec->doc_para)->end <= first->start)
        sec->doc_para++;
    const lede_paragraph *p = lede_document_paragraph(sec->doc, sec->doc_para);
    switch (p ? p->kind : LEDE_PARA_TEXT) {
    case LEDE_PARA_LIST_ITEM:
        return "item";
    case LEDE_PARA_QUOTE:
        return "quote";
    case LEDE_PARA_PRE:
        return "pre";
    case LEDE_PARA_TABLE_CELL:
        return "cell";
    default:
        return NULL;
    }
}

static int is_heading_paragraph(const section *sec, const lede_sentence *first)
{
    if (first->kind == LEDE_KIND_HEADING)
        return 1;
    if (!sec->doc)
        return 0;
    const lede_paragraph *p = lede_document_paragraph(sec->doc, sec->doc_para);
    return p && p->kind == LEDE_PARA_HEADING && first->start >= p->start &&
           first->start < p->end;
}

static void put_unit(const section *sec, size_t i, const lede_sentence *u)
{
    FILE *out = sec->out;
    if (u->kind != LEDE_KIND_SENTENCE) {
        fprintf(out, "<span class=\"u\" id=\"d%zu-s%zu\">", sec->number, i);
    } else if (u->rank == 0) {
        fprintf(out, "<span class=\"s\" id=\"d%zu-s%zu\" title=\"not ranked\">", sec->number, i);
    } else {
        fprintf(out, "<span class=\"s l%d%s\" id=\"d%zu-s%zu\" title=\"rank %zu of %zu, score %.4g",
                shade_of(sec, u->score), u->picked ? " picked" : "", sec->number, i, u->rank,
                sec->ranked, u->score);
        size_t line = sec->doc ? lede_document_source_line(sec->doc, u->start) : 0;
        if (line > 0)
            fprintf(out, ", source line %zu", line);
        fputs("\">", out);
    }
    put_escaped(out, u->text, u->text_len);
    fputs("</span>", out);
}

/* The whole text, a <p> or <h3> per paragraph. */
static void put_article(section *sec)
{
    FILE *out = sec->out;
    const char *lang = sec->doc ? lede_document_language(sec->doc) : NULL;
    fputs("<article", out);
    if (lang) {
        fputs(" lang=\"", out);
        put_escaped_str(out, lang);
        fputc('"', out);
    }
    fputs(">\n", out);
    size_t total = lede_summary_total(sec->sum);
    const char *close = NULL;
    const lede_sentence *prev = NULL;
    for (size_t i = 0; i < total; i++) {
        const lede_sentence *u = lede_summary_unit(sec->sum, i);
        if (prev && u->paragraph == prev->paragraph) {
            int own_line = u->kind == LEDE_KIND_LINE || prev->kind == LEDE_KIND_LINE;
            fputs(own_line ? "<br>\n" : " ", out);
        } else {
            if (close)
                fputs(close, out);
            const char *cls = paragraph_class(sec, u);
            int heading = is_heading_paragraph(sec, u);
            fputs(heading ? "<h3" : "<p", out);
            if (cls)
                fprintf(out, " class=\"%s\"", cls);
            fputc('>', out);
            close = heading ? "</h3>\n" : "</p>\n";
        }
        put_unit(sec, i, u);
        prev = u;
    }
    if (close)
        fputs(close, out);
    fputs("</article>\n", out);
}

/* The picked sentences as links to their place in the text. */
static void put_summary(const section *sec)
{
    FILE *out = sec->out;
    fputs("<h2>Summary</h2>\n<ul class=\"summary\">\n", out);
    size_t total = lede_summary_total(sec->sum);
    for (size_t i = 0; i < total; i++) {
        const lede_sentence *u = lede_summary_unit(sec->sum, i);
        if (!u->picked)
            continue;
        fprintf(out, "<li><a href=\"#d%zu-s%zu\" title=\"rank %zu\">", sec->number, i, u->rank);
        put_escaped(out, u->text, u->text_len);
        fputs("</a></li>\n", out);
    }
    fputs("</ul>\n", out);
}

static void put_meta_item(FILE *out, const char *label, const char *value)
{
    if (!value)
        return;
    fprintf(out, " &middot; %s", label);
    put_escaped_str(out, value);
}

/* The heading of a section: the page's title (else the file name), then
 * the file name, the page's metadata and the counts. */
static void put_heading(const section *sec, const char *heading, const char *display)
{
    FILE *out = sec->out;
    fprintf(out, "<section id=\"d%zu\">\n<h1>", sec->number);
    put_escaped_str(out, heading);
    fputs("</h1>\n<p class=\"meta\">", out);
    put_escaped_str(out, display);
    if (sec->doc) {
        put_meta_item(out, "by ", lede_document_author(sec->doc));
        put_meta_item(out, "", lede_document_date(sec->doc));
        put_meta_item(out, "language ", lede_document_language(sec->doc));
        put_meta_item(out, "", lede_document_encoding(sec->doc));
    }
    fprintf(out, " &middot; %zu of %zu sentences picked</p>\n", lede_summary_count(sec->sum),
            sec->ranked);
}

void cli_report_section(cli_report *r, const cli_input *in, const lede_summary *sum,
                        const lede_document *doc)
{
    section sec = {r->out, r->sections + 1, sum, doc, in->data, in->len, 0, 0, 0};
    if (doc)
        sec.text = lede_document_text(doc, &sec.len);
    size_t total = lede_summary_total(sum);
    for (size_t i = 0; i < total; i++) {
        const lede_sentence *u = lede_summary_unit(sum, i);
        if (u->kind != LEDE_KIND_SENTENCE || u->rank == 0)
            continue;
        sec.ranked++;
        if (u->score > sec.top_score)
            sec.top_score = u->score;
    }
    const char *title = doc ? lede_document_title(doc) : NULL;
    const char *heading = title && title[0] ? title : in->display;
    if (r->sections == 0)
        begin_page(r, heading);
    r->sections++;
    put_heading(&sec, heading, in->display);
    put_summary(&sec);
    fputs("<h2>Text</h2>\n", r->out);
    put_article(&sec);
    fputs("</section>\n", r->out);
}
