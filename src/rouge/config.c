/* config.c - reading what the ROUGE-1.5.5 script reads: summary files in
 * its SPL, SEE and ISI formats, and its XML evaluation configuration
 * (parsed with libxml2, never fetching anything from the network). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/alloc.h"
#include "../common/error.h"
#include "../common/parse.h"
#include "../html/libxml.h"
#include "rouge_internal.h"

/* ---- summary files ---- */

typedef struct file_text {
    char *data;
    size_t len;
    const char **sent;
    size_t *lens;
    size_t n;
    size_t cap;
} file_text;

static void file_text_free(file_text *f)
{
    free(f->data);
    free(f->sent);
    free(f->lens);
    memset(f, 0, sizeof *f);
}

/* Reads all of `f` (named `path` in messages) into out->data. */
static lede_status read_stream(FILE *f, const char *path, file_text *out, lede_error **err)
{
    size_t cap = 4096, len = 0;
    char *data = malloc(cap);
    while (data) {
        if (len == cap) {
            char *bigger = cap <= SIZE_MAX / 2 ? realloc(data, cap * 2) : NULL;
            if (!bigger) {
                free(data);
                data = NULL;
                break;
            }
            data = bigger;
            cap *= 2;
        }
        size_t n = fread(data + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
    }
    int failed = ferror(f) ? errno : 0;
    if (!data)
        return lede_fail(err, LEDE_ERR_NOMEM, "%s: out of memory", path);
    if (failed) {
        free(data);
        return lede_fail(err, LEDE_ERR_INVALID_ARGUMENT, "cannot read %s: %s", path,
                         strerror(failed));
    }
    out->data = data;
    out->len = len;
    return LEDE_OK;
}

static lede_status read_file(const char *path, file_text *out, lede_error **err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return lede_fail(err, LEDE_ERR_INVALID_ARGUMENT, "cannot open %s: %s", path,
                         strerror(errno));
    lede_status st = read_stream(f, path, out, err);
    fclose(f);
    return st;
}

static int push_sentence(file_text *f, const char *s, size_t len)
{
    size_t old_cap = f->cap;
    if (lede_grow((void **)&f->sent, &f->cap, f->n + 1, sizeof *f->sent) != 0)
        return -1;
    if (f->cap != old_cap) {
        size_t *lens = lede_realloc_array(f->lens, f->cap, sizeof *lens);
        if (!lens) {
            f->cap = old_cap;
            return -1;
        }
        f->lens = lens;
    }
    f->sent[f->n] = s;
    f->lens[f->n++] = len;
    return 0;
}

/* A tiny matcher for the script's fixed-shape line regexes. */
typedef struct cursor {
    const char *p;
    const char *end;
} cursor;

static int lit(cursor *c, const char *s)
{
    size_t n = strlen(s);
    if ((size_t)(c->end - c->p) < n || memcmp(c->p, s, n) != 0)
        return 0;
    c->p += n;
    return 1;
}

/* One or more characters from `set` ("0-9" style sets spelled out). */
static int span(cursor *c, const char *set)
{
    const char *start = c->p;
    while (c->p < c->end && *c->p && strchr(set, *c->p))
        c->p++;
    return c->p > start;
}

static const char digits[] = "0123456789";

/* The text after `id=N>` up to the first '<' (Perl's ([^<]+)). */
static int text_until_tag(cursor *c, const char **s, size_t *len)
{
    const char *start = c->p;
    while (c->p < c->end && *c->p != '<')
        c->p++;
    *s = start;
    *len = (size_t)(c->p - start);
    return *len > 0;
}

/* SEE: ^<a( size="[0-9]+")? name="[0-9]+">\[[0-9]+\]</a>\s+<a href="\#[0-9]+"
 * id=[0-9]+>([^<]+) */
static int see_line(const char *line, size_t n, const char **s, size_t *len)
{
    cursor c = {line, line + n};
    if (!lit(&c, "<a "))
        return 0;
    if (lit(&c, "size=\"") && !(span(&c, digits) && lit(&c, "\" ")))
        return 0;
    if (!(lit(&c, "name=\"") && span(&c, digits) && lit(&c, "\">[") && span(&c, digits) &&
          lit(&c, "]</a>") && span(&c, " \t\n\v\f\r") && lit(&c, "<a href=\"#") &&
          span(&c, digits) && lit(&c, "\" id=") && span(&c, digits) && lit(&c, ">")))
        return 0;
    return text_until_tag(&c, s, len);
}

/* ISI: ^<S SNTNO="[0-9a-z,]+">([^<]+)</S> */
static int isi_line(const char *line, size_t n, const char **s, size_t *len)
{
    cursor c = {line, line + n};
    if (!(lit(&c, "<S SNTNO=\"") && span(&c, "0123456789abcdefghijklmnopqrstuvwxyz,") &&
          lit(&c, "\">")))
        return 0;
    return text_until_tag(&c, s, len) && lit(&c, "</S>");
}

/* The script's sentence list of a file (before any length limit). */
static lede_status split_file(file_text *f, lede_rouge_format format, const char *path,
                              lede_error **err)
{
    size_t i = 0;
    while (i < f->len) {
        const char *line = f->data + i;
        const char *nl = memchr(line, '\n', f->len - i);
        size_t n = nl ? (size_t)(nl - line) + 1 : f->len - i; /* with its "\n" */
        i += n;
        const char *s = NULL;
        size_t len = 0;
        int keep = 0;
        if (format == LEDE_ROUGE_FORMAT_SPL) {
            s = line;
            len = nl ? n - 1 : n; /* chomp */
            keep = len > 0;
        } else if (format == LEDE_ROUGE_FORMAT_SEE) {
            keep = see_line(line, n, &s, &len);
        } else {
            keep = isi_line(line, n, &s, &len);
        }
        if (keep && push_sentence(f, s, len) != 0)
            return lede_fail(err, LEDE_ERR_NOMEM, "%s: out of memory", path);
    }
    return LEDE_OK;
}

static lede_status load_summary(const char *path, lede_rouge_format format, file_text *out,
                                lede_error **err)
{
    lede_status st = read_file(path, out, err);
    if (st == LEDE_OK)
        st = split_file(out, format, path, err);
    return st;
}

lede_status lede_rouge_add_files(lede_rouge *r, const char *eval_id, const char *peer_id,
                                 lede_rouge_format format, const char *peer_path,
                                 const char *const *model_paths, size_t n_models,
                                 lede_error **err)
{
    if (err)
        *err = NULL;
    if (!r || !peer_path || (n_models > 0 && !model_paths) ||
        (format != LEDE_ROUGE_FORMAT_SPL && format != LEDE_ROUGE_FORMAT_SEE &&
         format != LEDE_ROUGE_FORMAT_ISI))
        return lede_fail(err, LEDE_ERR_INVALID_ARGUMENT, "no scorer, paths or format");
    file_text peer = {0};
    file_text *models = calloc(n_models + 1, sizeof *models);
    lede_rouge_text *texts = calloc(n_models + 1, sizeof *texts);
    lede_status st = models && texts ? LEDE_OK : lede_fail_nomem(err);
    if (st == LEDE_OK)
        st = load_summary(peer_path, format, &peer, err);
    for (size_t m = 0; st == LEDE_OK && m < n_models; m++) {
        st = load_summary(model_paths[m], format, &models[m], err);
        texts[m] = (lede_rouge_text){models[m].sent, models[m].lens, models[m].n};
    }
    if (st == LEDE_OK) {
        lede_rouge_text cand = {peer.sent, peer.lens, peer.n};
        st = lede_rouge_add(r, eval_id, peer_id, &cand, texts, n_models, err);
    }
    file_text_free(&peer);
    for (size_t m = 0; models && m < n_models; m++)
        file_text_free(&models[m]);
    free(models);
    free(texts);
    return st;
}

/* ---- the XML configuration ---- */

typedef struct named_file {
    char *id;
    char *file;
} named_file;

typedef struct eval_entry {
    char *id;
    char *peer_root;
    char *model_root;
    char *format;
    named_file *peers;
    size_t n_peers;
    named_file *models;
    size_t n_models;
} eval_entry;

typedef struct config {
    eval_entry *evals;
    size_t n;
    size_t cap;
    const char *path;
} config;

static void named_free(named_file *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(f[i].id);
        free(f[i].file);
    }
    free(f);
}

static void config_free(config *c)
{
    for (size_t i = 0; i < c->n; i++) {
        eval_entry *e = &c->evals[i];
        free(e->id);
        free(e->peer_root);
        free(e->model_root);
        free(e->format);
        named_free(e->peers, e->n_peers);
        named_free(e->models, e->n_models);
    }
    free(c->evals);
}

static int name_is(const xmlNode *node, const char *name)
{
    return node->type == XML_ELEMENT_NODE &&
           lede_ascii_casecmp((const char *)node->name, name) == 0;
}

/* The script keeps the last text child, trimmed of leading and trailing
 * white space: a copy in *out, NULL when there is none. Returns 0, or -1
 * when out of memory (absent and unreadable must not look alike: an absent
 * root means "/", a different file). */
static int trimmed_text(const xmlNode *node, char **out)
{
    const xmlNode *last = NULL;
    *out = NULL;
    for (const xmlNode *c = node->children; c; c = c->next)
        if (c->type == XML_TEXT_NODE)
            last = c;
    if (!last || !last->content)
        return 0;
    const char *s = (const char *)last->content;
    size_t len = strlen(s);
    while (len > 0 && strchr(" \t\n\v\f\r", s[0])) {
        s++;
        len--;
    }
    while (len > 0 && strchr(" \t\n\v\f\r", s[len - 1]))
        len--;
    *out = lede_strndup(s, len);
    return *out ? 0 : -1;
}

/* A copy of attribute `name` in *out, NULL when absent. Returns 0, or -1
 * when out of memory. */
static int attribute(const xmlNode *node, const char *name, char **out)
{
    *out = NULL;
    xmlChar *v = lede_libxml()->xmlGetProp(node, (const xmlChar *)name);
    if (!v)
        return 0;
    *out = lede_strndup((const char *)v, strlen((const char *)v));
    lede_libxml()->xml_free(v);
    return *out ? 0 : -1;
}

static lede_status config_error(const config *c, const xmlNode *node, lede_error **err,
                                const char *what)
{
    return lede_fail(err, LEDE_ERR_INVALID_ARGUMENT, "%s:%ld: %s", c->path,
                     node ? (long)lede_libxml()->xmlGetLineNo(node) : 0L, what);
}

static lede_status add_named(const config *c, const xmlNode *node, named_file **list,
                             size_t *n, lede_error **err)
{
    named_file f;
    int rc = attribute(node, "ID", &f.id);
    rc |= trimmed_text(node, &f.file);
    if (rc != 0 || !f.id || !f.file) {
        free(f.id);
        free(f.file);
        if (rc != 0)
            return lede_fail_nomem(err);
        return config_error(c, node, err,
                            !f.id ? "<P>/<M> without an ID attribute" : "<P>/<M> without a file name");
    }
    named_file *bigger = lede_realloc_array(*list, *n + 1, sizeof **list);
    if (!bigger) {
        free(f.id);
        free(f.file);
        return lede_fail_nomem(err);
    }
    *list = bigger;
    (*list)[(*n)++] = f;
    return LEDE_OK;
}

static void replace(char **slot, char *value)
{
    free(*slot);
    *slot = value;
}

/* Reads the parts of one EVAL wherever they are below it, as the script's
 * recursive walk does. */
static lede_status read_eval_parts(const config *c, const xmlNode *node, eval_entry *e,
                                   lede_error **err)
{
    for (const xmlNode *n = node->children; n; n = n->next) {
        lede_status st = LEDE_OK;
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (name_is(n, "PEER-ROOT") || name_is(n, "MODEL-ROOT")) {
            char *root;
            if (trimmed_text(n, &root) != 0)
                return lede_fail_nomem(err);
            replace(name_is(n, "PEER-ROOT") ? &e->peer_root : &e->model_root, root);
        } else if (name_is(n, "INPUT-FORMAT")) {
            char *type;
            if (attribute(n, "TYPE", &type) != 0)
                return lede_fail_nomem(err);
            if (!type)
                return config_error(c, n, err, "<INPUT-FORMAT> without a TYPE attribute");
            replace(&e->format, type);
        } else if (name_is(n, "PEERS") || name_is(n, "MODELS")) {
            int peers = name_is(n, "PEERS");
            for (const xmlNode *k = n->children; k && st == LEDE_OK; k = k->next)
                if (name_is(k, peers ? "P" : "M"))
                    st = peers ? add_named(c, k, &e->peers, &e->n_peers, err)
                               : add_named(c, k, &e->models, &e->n_models, err);
        } else {
            st = read_eval_parts(c, n, e, err);
        }
        if (st != LEDE_OK)
            return st;
    }
    return LEDE_OK;
}

static lede_status find_evals(config *c, const xmlNode *node, lede_error **err)
{
    for (const xmlNode *n = node; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (!name_is(n, "EVAL")) {
            lede_status st = find_evals(c, n->children, err);
            if (st != LEDE_OK)
                return st;
            continue;
        }
        char *id;
        if (attribute(n, "ID", &id) != 0)
            return lede_fail_nomem(err);
        if (!id)
            return config_error(c, n, err, "<EVAL> without an ID attribute");
        for (size_t i = 0; i < c->n; i++) {
            if (strcmp(c->evals[i].id, id) == 0) {
                free(id);
                return config_error(c, n, err, "a second <EVAL> with the same ID");
            }
        }
        if (lede_grow((void **)&c->evals, &c->cap, c->n + 1, sizeof *c->evals) != 0) {
            free(id);
            return lede_fail_nomem(err);
        }
        eval_entry *e = &c->evals[c->n++];
        memset(e, 0, sizeof *e);
        e->id = id;
        lede_status st = read_eval_parts(c, n, e, err);
        if (st != LEDE_OK)
            return st;
    }
    return LEDE_OK;
}

static lede_status parse_config(const char *path, config *c, lede_error **err)
{
    lede_status st = lede_libxml_load(err);
    if (st != LEDE_OK)
        return st;
    const lede_libxml_api *xml = lede_libxml();
    /* Read by lede, not by libxml2's xmlCtxtReadFile: its I/O layer
     * prints "I/O warning : failed to load external entity" for a file it
     * cannot open, whatever the options, and a library must not print. */
    file_text text = {0};
    st = strcmp(path, "-") == 0 ? read_stream(stdin, path, &text, err)
                                : read_file(path, &text, err);
    if (st != LEDE_OK)
        return st;
    if (text.len > INT_MAX) {
        file_text_free(&text);
        return lede_fail(err, LEDE_ERR_TOO_LARGE, "%s: over 2 GiB", path);
    }
    xmlParserCtxtPtr ctxt = xml->xmlNewParserCtxt();
    if (!ctxt) {
        file_text_free(&text);
        return lede_fail_nomem(err);
    }
    xmlDocPtr doc = xml->xmlCtxtReadMemory(ctxt, text.data, (int)text.len, path, NULL,
                                           XML_PARSE_NONET | XML_PARSE_NOERROR |
                                               XML_PARSE_NOWARNING);
    file_text_free(&text);
    if (!doc) {
        const xmlError *e = xml->xmlCtxtGetLastError(ctxt);
        if (e && e->message) {
            size_t n = strlen(e->message);
            while (n > 0 && e->message[n - 1] == '\n')
                n--;
            st = lede_fail(err, LEDE_ERR_INVALID_ARGUMENT, "%s:%d: malformed XML: %.*s", path,
                           e->line, (int)n, e->message);
        } else {
            st = lede_fail(err, LEDE_ERR_INVALID_ARGUMENT, "%s: cannot read the XML", path);
        }
    } else {
        c->path = path;
        st = find_evals(c, xml->xmlDocGetRootElement(doc), err);
        xml->xmlFreeDoc(doc);
    }
    xml->xmlFreeParserCtxt(ctxt);
    return st;
}

static lede_status format_of(const eval_entry *e, const char *path, lede_rouge_format *out,
                             lede_error **err)
{
    if (!e->format)
        return lede_fail(err, LEDE_ERR_INVALID_ARGUMENT, "%s: EVAL %s has no <INPUT-FORMAT>",
                         path, e->id);
    if (lede_ascii_casecmp(e->format, "SPL") == 0)
        *out = LEDE_ROUGE_FORMAT_SPL;
    else if (lede_ascii_casecmp(e->format, "SEE") == 0)
        *out = LEDE_ROUGE_FORMAT_SEE;
    else if (lede_ascii_casecmp(e->format, "ISI") == 0)
        *out = LEDE_ROUGE_FORMAT_ISI;
    else
        return lede_fail(err, LEDE_ERR_INVALID_ARGUMENT,
                         "%s: EVAL %s: input format '%s' is not supported (SPL, SEE or ISI)",
                         path, e->id, e->format);
    return LEDE_OK;
}

/* "ROOT/FILE" as the script joins them (an absent root gives "/FILE"). */
static char *join_path(const char *root, const char *file)
{
    size_t n = (root ? strlen(root) : 0) + 1 + strlen(file) + 1;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", root ? root : "", file);
    return p;
}

static lede_status add_eval(lede_rouge *r, const eval_entry *e, const named_file *peer,
                            const char *path, lede_error **err)
{
    lede_rouge_format format = LEDE_ROUGE_FORMAT_SPL;
    lede_status st = format_of(e, path, &format, err);
    if (st != LEDE_OK)
        return st;
    char *peer_path = join_path(e->peer_root, peer->file);
    char **models = calloc(e->n_models + 1, sizeof *models);
    st = peer_path && models ? LEDE_OK : lede_fail_nomem(err);
    for (size_t m = 0; st == LEDE_OK && m < e->n_models; m++) {
        /* The script keeps one file per ID (the last given) but lists the ID
         * as often as it appears. */
        const char *file = e->models[m].file;
        for (size_t k = m + 1; k < e->n_models; k++)
            if (strcmp(e->models[k].id, e->models[m].id) == 0)
                file = e->models[k].file;
        models[m] = join_path(e->model_root, file);
        if (!models[m])
            st = lede_fail_nomem(err);
    }
    if (st == LEDE_OK)
        st = lede_rouge_add_files(r, e->id, peer->id, format, peer_path,
                                  (const char *const *)models, e->n_models, err);
    for (size_t m = 0; models && m < e->n_models; m++)
        free(models[m]);
    free(models);
    free(peer_path);
    return st;
}

/* The peer's entry; the last one when the ID is given twice, as the script
 * keeps it. */
static const named_file *find_peer(const eval_entry *e, const char *id)
{
    const named_file *found = NULL;
    for (size_t p = 0; p < e->n_peers; p++)
        if (strcmp(e->peers[p].id, id) == 0)
            found = &e->peers[p];
    return found;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Peers to evaluate: the one asked for, or every peer ID of the file. */
static const char **peer_list(const config *c, const char *system_id, size_t *n)
{
    size_t total = 0;
    for (size_t i = 0; i < c->n; i++)
        total += c->evals[i].n_peers;
    const char **ids = calloc(total + 1, sizeof *ids);
    if (!ids)
        return NULL;
    *n = 0;
    if (system_id) {
        ids[(*n)++] = system_id;
        return ids;
    }
    for (size_t i = 0; i < c->n; i++)
        for (size_t p = 0; p < c->evals[i].n_peers; p++)
            ids[(*n)++] = c->evals[i].peers[p].id;
    qsort(ids, *n, sizeof *ids, cmp_str);
    size_t u = 0;
    for (size_t i = 0; i < *n; i++)
        if (u == 0 || strcmp(ids[u - 1], ids[i]) != 0)
            ids[u++] = ids[i];
    *n = u;
    return ids;
}

lede_status lede_rouge_add_config(lede_rouge *r, const char *config_path,
                                  const char *system_id, lede_error **err)
{
    if (err)
        *err = NULL;
    if (!r || !config_path)
        return lede_fail(err, LEDE_ERR_INVALID_ARGUMENT, "no scorer or configuration path");
    config c = {0};
    lede_status st = parse_config(config_path, &c, err);
    size_t n_ids = 0;
    const char **ids = NULL;
    if (st == LEDE_OK) {
        ids = peer_list(&c, system_id, &n_ids);
        if (!ids)
            st = lede_fail_nomem(err);
    }
    for (size_t p = 0; st == LEDE_OK && p < n_ids; p++) {
        if (lede_rouge_register_peer(r, ids[p]) != LEDE_OK)
            st = lede_fail_nomem(err);
        for (size_t i = 0; st == LEDE_OK && i < c.n; i++) {
            const named_file *peer = find_peer(&c.evals[i], ids[p]);
            if (peer)
                st = add_eval(r, &c.evals[i], peer, config_path, err);
            else if (lede_rouge_add_warning(r,
                                            "*ROUGE Warning: test instance for peer %s does "
                                            "not exist for evaluation %s",
                                            ids[p], c.evals[i].id) != LEDE_OK)
                st = lede_fail_nomem(err);
        }
    }
    free(ids);
    config_free(&c);
    return st;
}
