/* test_html_xml.c - XML input: the formats lede recognises (TREC/DUC, NITF,
 * JATS, TEI, XHTML), XPath selection, errors with their position, and
 * hostile XML (an entity bomb, external entities). */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "html_test.h"

static const char *data_dir = "tests/data";

/* Extracts data/html/<name> with `xpath`; returns the status. */
static lede_status extract_file(const char *name, const char *xpath, lede_document **doc,
                                lede_error **err)
{
    *doc = NULL;
    size_t len;
    char *xml = read_test_file(data_dir, name, &len);
    if (!xml)
        return LEDE_ERR_INTERNAL;
    lede_status st = lede_extract_xml(xml, len, xpath, NULL, doc, err);
    free(xml);
    return st;
}

typedef struct want_para {
    const char *text;
    unsigned kind;
    size_t line; /* 0: not checked */
} want_para;

static void check_file(const char *name, const char *xpath, const char *title,
                       const want_para *want, size_t n)
{
    lede_document *doc = NULL;
    lede_error *err = NULL;
    lede_status st = extract_file(name, xpath, &doc, &err);
    if (!CHECK_MSG(st == LEDE_OK, "%s %s: %s", name, xpath ? xpath : "",
                   lede_error_message(err))) {
        lede_error_free(err);
        return;
    }
    check_document_shape(doc, name);
    if (title)
        CHECK_STR(lede_document_title(doc), title);
    else
        CHECK(lede_document_title(doc) == NULL);
    CHECK_MSG(lede_document_paragraph_count(doc) == n, "%s %s: %zu paragraphs, want %zu", name,
              xpath ? xpath : "", lede_document_paragraph_count(doc), n);
    char buf[512];
    for (size_t i = 0; i < n && i < lede_document_paragraph_count(doc); i++) {
        const lede_paragraph *p = lede_document_paragraph(doc, i);
        CHECK_STR(para_text(doc, i, buf, sizeof buf), want[i].text);
        CHECK_MSG(p->kind == want[i].kind, "%s: paragraph %zu kind %u", name, i, p->kind);
        if (want[i].line)
            CHECK_MSG(p->source_line == want[i].line, "%s: paragraph %zu on line %zu, want %zu",
                      name, i, p->source_line, want[i].line);
    }
    lede_document_free(doc);
}

static void test_formats(void)
{
    static const want_para trec[] = {
        {"The river rose two metres overnight and flooded the old town, the fire service said "
         "on Friday.",
         LEDE_PARA_TEXT, 6},
        {"About three hundred people left their homes.", LEDE_PARA_TEXT, 10},
        {"Shops on the main square stayed closed & the market was cancelled.", LEDE_PARA_TEXT,
         18},
        {"Repairs to the bridge will take weeks.", LEDE_PARA_TEXT, 20},
    };
    check_file("trec.xml", NULL, "River floods old town after storm", trec, 4);

    static const want_para nitf[] = {
        {"The harbour reopened on Monday after six months of repairs to the sea wall.",
         LEDE_PARA_TEXT, 13},
        {"Fishing boats returned in the early morning, and the fish market opened an hour later.",
         LEDE_PARA_TEXT, 14},
    };
    check_file("nitf.xml", NULL, "Harbour reopens after repairs", nitf, 2);

    static const want_para jats[] = {
        {"Introduction", LEDE_PARA_HEADING, 11},
        {"Sleep helps memory [1], but less is known about older adults.", LEDE_PARA_TEXT, 12},
        {"Methods", LEDE_PARA_HEADING, 15},
        {"We followed 120 adults for two years.", LEDE_PARA_TEXT, 16},
        {"Group one slept eight hours.", LEDE_PARA_LIST_ITEM, 17},
        {"Group two slept six.", LEDE_PARA_LIST_ITEM, 17},
    };
    check_file("jats.xml", NULL, "Sleep and memory in older adults", jats, 6);

    static const want_para tei[] = {
        {"The Letter", LEDE_PARA_HEADING, 12},
        {"Dear friend, the weather here has been very fine.", LEDE_PARA_TEXT, 13},
        {"We walk by the sea every morning.", LEDE_PARA_TEXT, 14},
    };
    check_file("tei.xml", NULL, "A Letter from the Coast", tei, 3);

    static const want_para xhtml[] = {
        {"This XHTML page is read as HTML, and its article is found as in any page.",
         LEDE_PARA_TEXT, 8},
        {"The second paragraph has a comma, and another one, to score well.", LEDE_PARA_TEXT,
         9},
    };
    check_file("xhtml.xml", NULL, "An XHTML page", xhtml, 2);
}

static void test_xpath(void)
{
    static const want_para docno[] = {
        {"NYT19990101.0001", LEDE_PARA_TEXT, 2},
        {"NYT19990101.0002", LEDE_PARA_TEXT, 15},
    };
    check_file("trec.xml", "//DOCNO", NULL, docno, 2);
    /* Nodes inside one already read are not read again. */
    static const want_para nested[] = {
        {"NYT19990101.0001", LEDE_PARA_TEXT, 2},
        {"River floods old town after storm", LEDE_PARA_HEADING, 3},
        {"The river rose two metres overnight and flooded the old town, the fire service said "
         "on Friday.",
         LEDE_PARA_TEXT, 6},
        {"About three hundred people left their homes.", LEDE_PARA_TEXT, 10},
    };
    check_file("trec.xml", "//DOC[1]//* | //DOC[1]/DOCNO", NULL, nested, 4);

    static const want_para first_p[] = {{"About three hundred people left their homes.",
                                         LEDE_PARA_TEXT, 10}};
    check_file("trec.xml", "//DOC[1]/TEXT/P[2]/text()", NULL, first_p, 1);

    static const want_para attrs[] = {{"d1", LEDE_PARA_TEXT, 1}, {"d2", LEDE_PARA_TEXT, 14}};
    check_file("trec.xml", "//DOC/@id", NULL, attrs, 2);

    static const want_para str[] = {{"Second story", LEDE_PARA_TEXT, 0}};
    check_file("trec.xml", "normalize-space(//DOC[2]/HEADLINE)", NULL, str, 1);

    static const want_para tei_ns[] = {{"We walk by the sea every morning.", LEDE_PARA_TEXT, 14}};
    check_file("tei.xml", "(//*[local-name()='p'])[last()]", NULL, tei_ns, 1);

    /* Namespaces, comments and processing instructions give their values. */
    static const want_para ns[] = {{"http://www.tei-c.org/ns/1.0", LEDE_PARA_TEXT, 0}};
    check_file("tei.xml", "/*/namespace::*[name()='']", NULL, ns, 1);
    const char *notes = "<d>\n<!-- a note -->\n<?app some data?><p>x</p></d>";
    lede_document *nd = NULL;
    if (CHECK(lede_extract_xml(notes, strlen(notes), "//comment() | //processing-instruction()",
                               NULL, &nd, NULL) == LEDE_OK)) {
        char buf[64];
        CHECK_EQ(lede_document_paragraph_count(nd), 2);
        CHECK_STR(para_text(nd, 0, buf, sizeof buf), "a note");
        CHECK_STR(para_text(nd, 1, buf, sizeof buf), "some data");
        CHECK_EQ(lede_document_paragraph(nd, 0)->source_line, 2);
    }
    lede_document_free(nd);
    /* Every namespace node of every element (regression: they are not nodes
     * of the tree and were once read as such). */
    if (CHECK(extract_file("tei.xml", "//namespace::*", &nd, NULL) == LEDE_OK))
        CHECK(lede_document_paragraph_count(nd) >= 2);
    lede_document_free(nd);

    lede_document *doc;
    lede_error *err = NULL;
    CHECK_STATUS(extract_file("trec.xml", "count(//DOC)", &doc, &err), LEDE_ERR_MARKUP);
    CHECK(err && strstr(lede_error_message(err), "number") != NULL);
    lede_error_free(err);
    err = NULL;
    CHECK_STATUS(extract_file("trec.xml", "//DOC[", &doc, &err), LEDE_ERR_MARKUP);
    CHECK(err && strstr(lede_error_message(err), "invalid XPath") != NULL);
    lede_error_free(err);
    err = NULL;
    CHECK_STATUS(extract_file("trec.xml", "//NOTHING", &doc, &err), LEDE_ERR_EMPTY_INPUT);
    lede_error_free(err);
    CHECK_STATUS(extract_file("trec.xml", "", &doc, NULL), LEDE_ERR_INVALID_ARGUMENT);
}

static void test_errors(void)
{
    lede_document *doc = NULL;
    lede_error *err = NULL;
    const char *bad = "<doc>\n  <p>open\n</doc>\n";
    CHECK_STATUS(lede_extract_xml(bad, strlen(bad), "//p", NULL, &doc, &err), LEDE_ERR_MARKUP);
    CHECK(doc == NULL);
    if (CHECK(err != NULL)) {
        CHECK(lede_error_has_position(err));
        CHECK_EQ(lede_error_line(err), 3);
        CHECK(strstr(lede_error_message(err), "not well-formed") != NULL);
    }
    lede_error_free(err);
    err = NULL;
    /* A root lede does not know, without an XPath. */
    const char *unknown = "<catalog><book>A title</book></catalog>";
    CHECK_STATUS(lede_extract_xml(unknown, strlen(unknown), NULL, NULL, &doc, &err),
             LEDE_ERR_NO_ARTICLE);
    CHECK(err && strstr(lede_error_message(err), "<catalog>") != NULL &&
          strstr(lede_error_message(err), "XPath") != NULL);
    lede_error_free(err);
    CHECK_STATUS(lede_extract_xml("", 0, NULL, NULL, &doc, NULL), LEDE_ERR_EMPTY_INPUT);
    /* Depth beyond libxml2's limit for XML is an error, not a crash. */
    test_page deep = {0};
    page_add_times(&deep, "<a>", 5000);
    page_add(&deep, "text");
    page_add_times(&deep, "</a>", 5000);
    CHECK_STATUS(lede_extract_xml(deep.data, deep.len, "//a", NULL, &doc, NULL), LEDE_ERR_MARKUP);
    page_free(&deep);
    /* Latin-1 declared in the XML declaration. */
    const char *latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><doc><TEXT>Caf\xE9 "
                         "au lait.</TEXT></doc>";
    if (CHECK(lede_extract_xml(latin1, strlen(latin1), NULL, NULL, &doc, NULL) == LEDE_OK))
        CHECK(text_has(doc, "Caf\xC3\xA9 au lait."));
    lede_document_free(doc);
}

/* An entity HTML names but the document does not declare: an error, as
 * XML has it, without a DTD or in a standalone document; with an external
 * DTD (never loaded), which might declare it, its HTML character (lede.h). */
static void test_undeclared_html_entity(void)
{
    lede_document *doc = NULL;
    lede_error *err = NULL;
    const char *bare = "<d>\n<p>It&rsquo;s here.</p></d>";
    CHECK_STATUS(lede_extract_xml(bare, strlen(bare), "//p", NULL, &doc, &err), LEDE_ERR_MARKUP);
    CHECK(err && lede_error_has_position(err) && lede_error_line(err) == 2 &&
          strstr(lede_error_message(err), "rsquo") != NULL);
    lede_error_free(err);
    const char *with_dtd = "<!DOCTYPE d SYSTEM \"d.dtd\">\n<d><p>It&rsquo;s &unknown; here.</p></d>";
    if (CHECK(lede_extract_xml(with_dtd, strlen(with_dtd), "//p", NULL, &doc, NULL) == LEDE_OK)) {
        size_t len;
        const char *text = lede_document_text(doc, &len);
        CHECK_STR(text, "It\u2019s &unknown; here.");
        lede_document_free(doc);
    }
    const char *standalone = "<?xml version=\"1.0\" standalone=\"yes\"?>\n"
                             "<!DOCTYPE d SYSTEM \"d.dtd\">\n<d><p>It&rsquo;s here.</p></d>";
    CHECK_STATUS(lede_extract_xml(standalone, strlen(standalone), "//p", NULL, &doc, NULL),
                 LEDE_ERR_MARKUP);
}

/* An internal DTD declaring 4,000 attribute defaults for an element used
 * 2,000 times: libxml2 2.9.14 adds each element's defaults comparing each
 * with all before it (22 s of CPU here when it did); lede sets them aside.
 * A bound on the CPU time as a guard against that hang, far above the
 * 0.02 s it takes. */
static void test_attribute_defaults(void)
{
    test_page xml = {0};
    page_add(&xml, "<?xml version=\"1.0\"?><!DOCTYPE doc [<!ATTLIST x");
    for (size_t k = 0; k < 4000; k++)
        page_addf(&xml, " a%zu CDATA \"v\"", k);
    page_add(&xml, ">]><doc><p>Some text here, long enough to be a paragraph.</p>");
    page_add_times(&xml, "<x/>", 2000);
    page_add(&xml, "</doc>");
    lede_document *doc = NULL;
    double start = cpu_seconds();
    lede_status st = lede_extract_xml(xml.data, xml.len, "//p", NULL, &doc, NULL);
    double seconds = cpu_seconds() - start;
    if (CHECK_MSG(st == LEDE_OK, "attribute defaults: status %d", st))
        CHECK(text_has(doc, "Some text here"));
    CHECK_MSG(seconds < 3, "attribute defaults: %.1f s of CPU", seconds);
    lede_document_free(doc);
    page_free(&xml);
}

/* A document whose entity `a` is `size` bytes long, referenced `refs`
 * times in its one paragraph. */
static void entity_page(test_page *p, size_t size, size_t refs)
{
    page_clear(p);
    page_add(p, "<?xml version=\"1.0\"?><!DOCTYPE doc [<!ENTITY a \"");
    page_add_times(p, "x", size);
    page_add(p, "\">]><doc><p>");
    page_add_times(p, "&a;", refs);
    page_add(p, "</p></doc>");
}

static void test_hostile(void)
{
    lede_document *doc = NULL;
    /* An entity bomb: libxml2 refuses the amplification, lede reports it. */
    lede_error *err = NULL;
    lede_status st = extract_file("bomb.xml", "//p", &doc, &err);
    CHECK_MSG(st == LEDE_ERR_MARKUP, "bomb: status %d", st);
    CHECK(err && lede_error_has_position(err) && strstr(lede_error_message(err), "ntit") != NULL);
    lede_error_free(err);
    /* External entities are not loaded, from a relative path or a URL: their
     * references stay as written. */
    st = extract_file("xxe.xml", "//p", &doc, NULL);
    if (CHECK_MSG(st == LEDE_OK, "xxe: status %d", st)) {
        CHECK(text_has(doc, "Public text."));
        CHECK(!text_has(doc, "SECRET-TOKEN"));
        CHECK(!text_has(doc, "root:"));
        CHECK(text_has(doc, "&secret;") && text_has(doc, "&passwd;"));
        CHECK_EQ(lede_document_paragraph_count(doc), 3);
    }
    lede_document_free(doc);
    /* One large entity referenced many times: libxml2 counts references,
     * not bytes, so lede bounds the text they expand to (here 4 x 10 MB). */
    size_t big = 100000;
    test_page xml = {0};
    entity_page(&xml, big, 400);
    lede_error *big_err = NULL;
    CHECK_STATUS(lede_extract_xml(xml.data, xml.len, "//p", NULL, &doc, &big_err),
                 LEDE_ERR_TOO_LARGE);
    CHECK(big_err && strstr(lede_error_message(big_err), "16 MiB") != NULL);
    lede_error_free(big_err);
    lede_document_free(doc);
    /* Under the bound the text is all there: 100 references of 100 KB. */
    entity_page(&xml, big, 100);
    doc = NULL;
    if (CHECK(lede_extract_xml(xml.data, xml.len, "//p", NULL, &doc, NULL) == LEDE_OK)) {
        size_t len;
        lede_document_text(doc, &len);
        CHECK_MSG(len >= 100 * big, "%zu bytes of text", len);
    }
    lede_document_free(doc);
    page_free(&xml);
    test_undeclared_html_entity();
    test_attribute_defaults();
}

/* The bound on the text entity references expand to is 16 MiB of bytes:
 * 16 references to 1 MiB are read, 17 are refused. */
static void test_entity_text_bound(void)
{
    test_page p = {0};
    for (size_t refs = 16; refs <= 17; refs++) {
        entity_page(&p, (size_t)1 << 20, refs);
        lede_document *doc = NULL;
        lede_error *err = NULL;
        lede_status want = refs == 16 ? LEDE_OK : LEDE_ERR_TOO_LARGE;
        CHECK_STATUS(lede_extract_xml(p.data, p.len, "//p", NULL, &doc, &err), want);
        if (want == LEDE_OK) {
            size_t len;
            lede_document_text(doc, &len);
            CHECK_MSG(len == refs << 20, "%zu references: %zu bytes of text", refs, len);
        }
        lede_error_free(err);
        lede_document_free(doc);
    }
    page_free(&p);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        data_dir = argv[1];
    test_formats();
    test_xpath();
    test_errors();
    test_hostile();
    test_entity_text_bound();
    return harness_finish();
}
