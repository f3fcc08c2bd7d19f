/* test_html_encoding.c - how a page's bytes are read: forced encodings,
 * declared labels, UTF-16 without a byte order mark; and the date read from
 * <time datetime>. Pages are built here. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html_test.h"

static const char article[] =
    "<html><body><div><p>Hello world, this is a long enough paragraph of text for the "
    "test here.</p></div></body></html>";
static const char article_text[] =
    "Hello world, this is a long enough paragraph of text for the test here.";

/* Extracts `len` bytes with `forced` as the encoding (NULL: detect). */
static lede_status extract_bytes(const char *bytes, size_t len, const char *forced,
                                 lede_document **doc)
{
    lede_extract_options *opts = lede_extract_options_new();
    lede_extract_options_set_encoding(opts, forced);
    lede_error *err = NULL;
    lede_status st = lede_extract_html(bytes, len, opts, doc, &err);
    lede_error_free(err);
    lede_extract_options_free(opts);
    return st;
}

/* Checks that `bytes` read with `forced` give the article, in `encoding`
 * (in any case: a label that is the name is reported as written). */
static void check_reads(const char *what, const char *bytes, size_t len, const char *forced,
                        const char *encoding)
{
    lede_document *doc = NULL;
    lede_status st = extract_bytes(bytes, len, forced, &doc);
    if (CHECK_MSG(st == LEDE_OK, "%s: status %d", what, (int)st)) {
        CHECK_MSG(text_has(doc, article_text), "%s: text '%s'", what,
                  lede_document_text(doc, NULL));
        CHECK_MSG(strcasecmp(lede_document_encoding(doc), encoding) == 0,
                  "%s: encoding %s, want %s",
                  what, lede_document_encoding(doc), encoding);
    }
    lede_document_free(doc);
}

/* ====== Forced encodings ====== */

/* A UTF-16 name forced by the caller is the encoding of the bytes; only a
 * UTF-16 label inside the page means UTF-8. */
static void test_forced_utf16(void)
{
    test_page le, be;
    page_utf16(article, strlen(article), 0, 0, &le);
    check_reads("forced UTF-16LE", le.data, le.len, "UTF-16LE", "UTF-16LE");
    check_reads("forced utf-16", le.data, le.len, "utf-16", "UTF-16LE");
    page_free(&le);
    page_utf16(article, strlen(article), 1, 0, &be);
    check_reads("forced UTF-16BE", be.data, be.len, "UTF-16BE", "UTF-16BE");
    page_free(&be);

    char declared[512];
    snprintf(declared, sizeof declared, "<meta charset=\"utf-16\">%s", article);
    check_reads("declared utf-16", declared, strlen(declared), NULL, "UTF-8");
}

/* ====== UTF-16 without a byte order mark ====== */

/* UTF-16 is recognised by its zero bytes, whatever the page starts with. */
static void test_utf16_without_bom(void)
{
    static const char *const starts[] = {"", "\n", "  \r\n", "\n<!DOCTYPE html>\n",
                                         "<!-- saved -->"};
    for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++) {
        char page[512], what[64];
        snprintf(page, sizeof page, "%s%s", starts[i], article);
        for (int big = 0; big <= 1; big++) {
            test_page bytes;
            page_utf16(page, strlen(page), big, 0, &bytes);
            snprintf(what, sizeof what, "UTF-16%s after %zu bytes", big ? "BE" : "LE",
                     strlen(starts[i]));
            check_reads(what, bytes.data, bytes.len, NULL, big ? "UTF-16BE" : "UTF-16LE");
            page_free(&bytes);
        }
    }
}

/* UTF-16 of a page of Chinese text has few zero bytes to count; its
 * first tag, after white space, tells it. */
static void test_utf16_cjk_without_bom(void)
{
    static const uint16_t sentence[] = {0x4E2D, 0x6587, 0x7684, 0x53E5,
                                        0x5B50, 0x5F88, 0x957F, 0x3002};
    static const char *const starts[] = {"<p>", "\n <p>"};
    for (size_t s = 0; s < 2; s++) {
        for (int big = 0; big <= 1; big++) {
            uint16_t units[2000];
            size_t n = 0;
            for (const char *c = starts[s]; *c; c++)
                units[n++] = (uint16_t)*c;
            for (int k = 0; k < 200; k++)
                for (size_t j = 0; j < 8; j++)
                    units[n++] = sentence[j];
            for (const char *c = "</p>"; *c; c++)
                units[n++] = (uint16_t)*c;
            char bytes[4000];
            for (size_t i = 0; i < n; i++) {
                bytes[2 * i + (big ? 1 : 0)] = (char)(units[i] & 0xFF);
                bytes[2 * i + (big ? 0 : 1)] = (char)(units[i] >> 8);
            }
            lede_document *doc = NULL;
            if (CHECK_MSG(extract_bytes(bytes, 2 * n, NULL, &doc) == LEDE_OK, "CJK %s %zu",
                          big ? "BE" : "LE", s)) {
                CHECK(text_has(doc, "\xE4\xB8\xAD\xE6\x96\x87\xE7\x9A\x84"));
                CHECK_STR(lede_document_encoding(doc), big ? "UTF-16BE" : "UTF-16LE");
            }
            lede_document_free(doc);
        }
    }
}

/* Zero bytes in a page of an ASCII-based encoding do not make it UTF-16. */
static void test_not_utf16(void)
{
    char page[512];
    size_t n = (size_t)snprintf(page, sizeof page, "%s", article);
    for (size_t i = 41; i < 61; i += 4) /* five NULs, all at odd offsets */
        page[i] = 0;
    lede_document *doc = NULL;
    if (CHECK_STATUS(extract_bytes(page, n, NULL, &doc), LEDE_OK)) {
        CHECK_STR(lede_document_encoding(doc), "UTF-8");
        CHECK(text_has(doc, "for the test here."));
    }
    lede_document_free(doc);
}

/* ====== Labels ====== */

typedef struct label_case {
    const char *labels; /* space-separated */
    const char *name;   /* the encoding lede reports */
} label_case;

/* The labels of the WHATWG Encoding Standard (encodings.json) and the iconv
 * name each is read with. A UTF-16 label inside a page means UTF-8;
 * "replacement", and hz-gb-2312 (unknown to iconv), are left out. */
static const label_case label_cases[] = {
    {"unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 "
     "x-unicode20utf8",
     "UTF-8"},
    {"866 cp866 csibm866 ibm866",
     "IBM866"},
    {"csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 "
     "iso_8859-2:1987 l2 latin2",
     "ISO-8859-2"},
    {"csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 "
     "iso_8859-3:1988 l3 latin3",
     "ISO-8859-3"},
    {"csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 "
     "iso_8859-4:1988 l4 latin4",
     "ISO-8859-4"},
    {"csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 "
     "iso_8859-5 iso_8859-5:1988",
     "ISO-8859-5"},
    {"arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 "
     "iso-8859-6 iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 "
     "iso_8859-6 iso_8859-6:1987",
     "ISO-8859-6"},
    {"csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 "
     "iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek",
     "ISO-8859-7"},
    {"csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 "
     "iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 visual",
     "ISO-8859-8"},
    {"csiso88598i iso-8859-8-i logical",
     "ISO-8859-8"},
    {"csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6",
     "ISO-8859-10"},
    {"iso-8859-13 iso8859-13 iso885913",
     "ISO-8859-13"},
    {"iso-8859-14 iso8859-14 iso885914",
     "ISO-8859-14"},
    {"csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9",
     "ISO-8859-15"},
    {"iso-8859-16",
     "ISO-8859-16"},
    {"cskoi8r koi koi8 koi8-r koi8_r",
     "KOI8-R"},
    {"koi8-ru koi8-u",
     "KOI8-U"},
    {"csmacintosh mac macintosh x-mac-roman",
     "MACINTOSH"},
    {"dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874",
     "WINDOWS-874"},
    {"cp1250 windows-1250 x-cp1250",
     "WINDOWS-1250"},
    {"cp1251 windows-1251 x-cp1251",
     "WINDOWS-1251"},
    {"ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 "
     "iso-ir-100 iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 "
     "us-ascii windows-1252 x-cp1252",
     "WINDOWS-1252"},
    {"cp1253 windows-1253 x-cp1253",
     "WINDOWS-1253"},
    {"cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 "
     "iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254",
     "WINDOWS-1254"},
    {"cp1255 windows-1255 x-cp1255",
     "WINDOWS-1255"},
    {"cp1256 windows-1256 x-cp1256",
     "WINDOWS-1256"},
    {"cp1257 windows-1257 x-cp1257",
     "WINDOWS-1257"},
    {"cp1258 windows-1258 x-cp1258",
     "WINDOWS-1258"},
    {"x-mac-cyrillic x-mac-ukrainian",
     "MAC-CYRILLIC"},
    {"chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk "
     "iso-ir-58 x-gbk",
     "GB18030"},
    {"gb18030",
     "GB18030"},
    {"big5 big5-hkscs cn-big5 csbig5 x-x-big5",
     "BIG5-HKSCS"},
    {"cseucpkdfmtjapanese euc-jp x-euc-jp",
     "EUC-JP-MS"},
    {"csiso2022jp iso-2022-jp",
     "ISO-2022-JP"},
    {"csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis",
     "CP932"},
    {"cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 "
     "ks_c_5601-1989 ksc5601 ksc_5601 windows-949",
     "CP949"},
    {"unicodefffe utf-16be",
     "UTF-8"},
    {"csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le",
     "UTF-8"},
    {"x-user-defined",
     "WINDOWS-1252"},
    {"csiso2022kr iso-2022-kr", "ISO-2022-KR"},
    {"iso-2022-cn", "ISO-2022-CN"},
    {"iso-2022-cn-ext", "ISO-2022-CN-EXT"},
};

/* Every label, declared in <meta charset>, reads the page in its encoding. A
 * byte above 0x7F in the title makes the page go through the converter
 * (pure ASCII is read as it is); UTF-8 labels get an ASCII page. */
static void test_every_label(void)
{
    for (size_t i = 0; i < sizeof label_cases / sizeof label_cases[0]; i++) {
        const label_case *c = &label_cases[i];
        int utf8 = strcmp(c->name, "UTF-8") == 0;
        for (const char *l = c->labels; *l;) {
            size_t n = strcspn(l, " ");
            char page[512], what[64];
            snprintf(page, sizeof page, "<head><meta charset=\"%.*s\"><title>T%s</title></head>%s",
                     (int)n, l, utf8 ? "" : "\xE9", article);
            snprintf(what, sizeof what, "label %.*s", (int)n, l);
            check_reads(what, page, strlen(page), NULL, c->name);
            l += n;
            l += strspn(l, " ");
        }
    }
}

/* A Russian page in windows-1251 under labels browsers read as windows-1251,
 * declared or forced. */
static void test_cyrillic_labels(void)
{
    static const char privet[] = "\xCF\xF0\xE8\xE2\xE5\xF2 \xEC\xE8\xF0"; /* Привет мир */
    char page[1024];
    snprintf(page, sizeof page,
             "<html><head><meta charset=\"x-cp1251\"></head><body><div><p>%s, this is a long "
             "enough paragraph, with a comma.</p></div></body></html>",
             privet);
    static const char *const forced[] = {NULL, "X-CP1251", "cp1251"};
    for (size_t i = 0; i < sizeof forced / sizeof forced[0]; i++) {
        const char *how = forced[i] ? forced[i] : "none";
        lede_document *doc = NULL;
        lede_status st = extract_bytes(page, strlen(page), forced[i], &doc);
        if (CHECK_MSG(st == LEDE_OK, "x-cp1251 (forced %s): status %d", how, (int)st)) {
            CHECK_MSG(text_has(doc, "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 "
                                    "\xD0\xBC\xD0\xB8\xD1\x80"),
                      "x-cp1251 (forced %s): text '%s'", how, lede_document_text(doc, NULL));
            CHECK_STR(lede_document_encoding(doc), "WINDOWS-1251");
        }
        lede_document_free(doc);
    }
}

/* ====== The date from <time datetime> ====== */

#define PARA "<p>The council approved the new budget on Tuesday, raising spending on " \
             "schools, roads and parks by five percent.</p>"

typedef struct date_case {
    const char *name;
    const char *html;
    const char *date; /* NULL: none */
} date_case;

static void test_time_date(void)
{
    const date_case cases[] = {
        {"time in the article",
         "<html><body><article><h1>Story</h1><time datetime=\"2024-05-01\">May 1</time>" PARA
         PARA "</article></body></html>",
         "2024-05-01"},
        {"a meta tag wins",
         "<html><head><meta property=\"article:published_time\" content=\"2024-04-30\">"
         "</head><body><article><time datetime=\"2024-05-01\">May 1</time>" PARA PARA
         "</article></body></html>",
         "2024-04-30"},
        {"the byline above the article, not the masthead or the comments",
         "<html><body><header><time datetime=\"2024-06-30\">Today</time></header>"
         "<div class=\"byline\">By A. Writer, <time datetime=\" 2024-05-01T09:00 \">May 1"
         "</time></div><article>" PARA PARA PARA "</article><section class=\"comments\">"
         "<time datetime=\"2024-05-03\">May 3</time><p>A comment.</p></section></body></html>",
         "2024-05-01T09:00"},
        {"only after the article",
         "<html><body><article>" PARA PARA PARA "</article><aside class=\"related\"><a "
         "href=\"/x\">Other story</a> <time datetime=\"2024-05-03\">May 3</time></aside>"
         "</body></html>",
         NULL},
        {"no datetime attribute",
         "<html><body><article><time>May 1</time>" PARA PARA "</article></body></html>", NULL},
        {"a duration and a time of day date nothing; the date after them does",
         "<html><body><article><h1>Bread</h1><p>Prep time: <time datetime=\"PT30M\">30 "
         "minutes</time>, bake at <time datetime=\"19:00\">seven</time>.</p><time "
         "datetime=\"\">?</time><time datetime=\"2024-05-02\">May 2</time>" PARA PARA
         "</article></body></html>",
         "2024-05-02"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const date_case *c = &cases[i];
        lede_document *doc = NULL;
        if (CHECK_MSG(extract_page(c->html, &doc) == LEDE_OK, "%s: extraction", c->name)) {
            const char *date = lede_document_date(doc);
            if (c->date)
                CHECK_MSG(date && strcmp(date, c->date) == 0, "%s: date %s, want %s", c->name,
                          date ? date : "none", c->date);
            else
                CHECK_MSG(!date, "%s: date %s, want none", c->name, date);
        }
        lede_document_free(doc);
    }
}

int main(void)
{
    test_forced_utf16();
    test_utf16_without_bom();
    test_utf16_cjk_without_bom();
    test_not_utf16();
    test_every_label();
    test_cyrillic_labels();
    test_time_date();
    return harness_finish();
}
