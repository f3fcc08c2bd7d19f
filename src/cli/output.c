#include "output.h"

#include "jsonl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const format_names[] = {"bullets", "text", "json", "jsonl", "html"};

int cli_parse_format(const char *s, unsigned allowed)
{
    for (int i = 0; i < 5; i++)
        if ((allowed & (1u << i)) && strcmp(s, format_names[i]) == 0)
            return i;
    return -1;
}

static const char *kind_name(unsigned kind)
{
    switch (kind) {
    case LEDE_KIND_HEADING:
        return "heading";
    case LEDE_KIND_LINE:
        return "line";
    default:
        return "sentence";
    }
}

json_t *cli_sentence_json(const lede_sentence *s, int with_scores)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    int rc = 0;
    rc |= json_object_set_new(o, "index", json_integer((json_int_t)s->index));
    rc |= json_object_set_new(o, "paragraph", json_integer((json_int_t)s->paragraph));
    rc |= json_object_set_new(o, "start", json_integer((json_int_t)s->start));
    rc |= json_object_set_new(o, "end", json_integer((json_int_t)s->end));
    if (with_scores) {
        rc |= json_object_set_new(o, "score", json_real(s->score));
        rc |= json_object_set_new(o, "rank", json_integer((json_int_t)s->rank));
    } else {
        rc |= json_object_set_new(o, "kind", json_string(kind_name(s->kind)));
    }
    rc |= json_object_set_new(o, "text", json_stringn(s->text, s->text_len));
    if (rc) {
        json_decref(o);
        return NULL;
    }
    return o;
}

json_t *cli_summary_json(const char *input, const lede_summary *sum, int all_units)
{
    json_t *root = json_object();
    json_t *list = json_array();
    if (!root || !list)
        goto fail;
    int rc = 0;
    rc |= json_object_set_new(root, "lede_version", json_string(lede_version_string()));
    rc |= json_object_set_new(root, "input", json_string(input));
    if (all_units)
        rc |= json_object_set_new(root, "paragraphs",
                                  json_integer((json_int_t)lede_summary_paragraphs(sum)));
    size_t n = all_units ? lede_summary_total(sum) : lede_summary_count(sum);
    for (size_t i = 0; i < n && !rc; i++) {
        const lede_sentence *s =
            all_units ? lede_summary_unit(sum, i) : lede_summary_sentence(sum, i);
        json_t *item = cli_sentence_json(s, !all_units);
        rc |= item ? json_array_append_new(list, item) : -1;
    }
    rc |= json_object_set_new(root, "sentences", list);
    list = NULL;
    if (rc)
        goto fail;
    return root;
fail:
    json_decref(list);
    json_decref(root);
    return NULL;
}

int cli_json_files_array(enum cli_format format, size_t nfiles, json_t **out)
{
    *out = NULL;
    if (format != FORMAT_JSON || nfiles <= 1)
        return 0;
    *out = json_array();
    return *out ? 0 : -1;
}

int cli_print_json(json_t *value, int compact)
{
    size_t flags = compact ? JSON_COMPACT : JSON_INDENT(2);
    /* A failed write to stdout is seen by cli_finish_output. */
    return cli_write_json(stdout, value, flags | JSON_REAL_PRECISION(9)) == -1 ? -1 : 0;
}

int cli_write_json(FILE *f, const json_t *value, size_t flags)
{
    char *text = cli_json_text(value, flags);
    if (!text)
        return -1;
    int failed = fputs(text, f) == EOF || fputc('\n', f) == EOF;
    free(text);
    return failed ? -2 : 0;
}

/* What jansson's dump writes, and whether a piece of it was lost. */
typedef struct dump_text {
    jsonl_buf buf;
    int failed;
} dump_text;

static int dump_piece(const char *piece, size_t len, void *data)
{
    dump_text *t = data;
    t->failed |= jsonl_put(&t->buf, piece, len) != 0;
    return t->failed ? -1 : 0;
}

char *cli_json_text(const json_t *value, size_t flags)
{
    dump_text t = {{NULL, 0, 0}, 0};
    int rc = json_dump_callback(value, dump_piece, &t, flags);
    if (rc != 0 || t.failed || !t.buf.data) {
        jsonl_buf_free(&t.buf);
        return NULL;
    }
    return t.buf.data;
}

json_t *cli_json_built(json_t *value, int rc)
{
    if (!rc)
        return value;
    json_decref(value);
    return NULL;
}
