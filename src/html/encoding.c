/* encoding.c - from the page's bytes to UTF-8 for libxml2.
 *
 * lede decides the encoding itself rather than letting libxml2 do it: in
 * libxml2 2.9.14 an invalid byte in a page read as UTF-8 passes through into
 * the tree unchecked, and a <meta> charset switches decoders midway. The
 * order is the one browsers use (a BOM, then a declaration in the first
 * bytes, then a guess), with one exception: a page that declares a legacy
 * encoding but is valid UTF-8 with non-ASCII characters is read as UTF-8,
 * because pages saved by browsers and crawlers are re-encoded without their
 * <meta> being updated, and valid multi-byte UTF-8 is very unlikely to be
 * anything else. Conversion from other encodings goes through iconv, the
 * same converter libxml2 uses, called directly so that errors are ours to
 * report (libxml2's converter prints them). */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "../common/error.h"
#include "../common/parse.h"
#include "../io/input.h"
#include "html.h"

/* How far into the page a <meta> charset is looked for. The HTML standard
 * says 1024 bytes; real pages put theirs after kilobytes of other tags. */
enum { PRESCAN_BYTES = 64 * 1024 };

/* ====== Encoding names ====== */

/* Arrays, not pointers: a table of pointers costs a relocation each when the
 * library is loaded. */
typedef struct label_alias {
    char label[20];
    char name[16];
} label_alias;

/* Every label of the WHATWG Encoding Standard (encodings.json) whose encoding
 * iconv can read, lower case and sorted for bsearch, with the iconv name
 * lede converts with. Where iconv has no exact match the nearest superset or
 * variant stands in: GBK is read as GB18030 (as the standard's GBK decoder
 * does), Big5 as BIG5-HKSCS, Shift_JIS as CP932, EUC-JP as EUC-JP-MS and
 * EUC-KR as CP949 (the Microsoft extensions the standard's indexes include),
 * ISO-8859-8-I as ISO-8859-8 (the same characters in logical order),
 * x-user-defined as WINDOWS-1252 (what the HTML standard reads it as). The
 * standard sends iso-2022-kr and iso-2022-cn to its "replacement" encoding
 * to keep browsers safe from script smuggled past their decoders; offline,
 * iconv reads them. hz-gb-2312 and "replacement" are left out: iconv has no
 * such encoding. */
static const label_alias aliases[] = {
    {"866", "IBM866"},
    {"ansi_x3.4-1968", "WINDOWS-1252"},
    {"arabic", "ISO-8859-6"},
    {"ascii", "WINDOWS-1252"},
    {"asmo-708", "ISO-8859-6"},
    {"big5", "BIG5-HKSCS"},
    {"big5-hkscs", "BIG5-HKSCS"},
    {"chinese", "GB18030"},
    {"cn-big5", "BIG5-HKSCS"},
    {"cp1250", "WINDOWS-1250"},
    {"cp1251", "WINDOWS-1251"},
    {"cp1252", "WINDOWS-1252"},
    {"cp1253", "WINDOWS-1253"},
    {"cp1254", "WINDOWS-1254"},
    {"cp1255", "WINDOWS-1255"},
    {"cp1256", "WINDOWS-1256"},
    {"cp1257", "WINDOWS-1257"},
    {"cp1258", "WINDOWS-1258"},
    {"cp819", "WINDOWS-1252"},
    {"cp866", "IBM866"},
    {"csbig5", "BIG5-HKSCS"},
    {"cseuckr", "CP949"},
    {"cseucpkdfmtjapanese", "EUC-JP-MS"},
    {"csgb2312", "GB18030"},
    {"csibm866", "IBM866"},
    {"csiso2022jp", "ISO-2022-JP"},
    {"csiso2022kr", "ISO-2022-KR"},
    {"csiso58gb231280", "GB18030"},
    {"csiso88596e", "ISO-8859-6"},
    {"csiso88596i", "ISO-8859-6"},
    {"csiso88598e", "ISO-8859-8"},
    {"csiso88598i", "ISO-8859-8"},
    {"csisolatin1", "WINDOWS-1252"},
    {"csisolatin2", "ISO-8859-2"},
    {"csisolatin3", "ISO-8859-3"},
    {"csisolatin4", "ISO-8859-4"},
    {"csisolatin5", "WINDOWS-1254"},
    {"csisolatin6", "ISO-8859-10"},
    {"csisolatin9", "ISO-8859-15"},
    {"csisolatinarabic", "ISO-8859-6"},
    {"csisolatincyrillic", "ISO-8859-5"},
    {"csisolatingreek", "ISO-8859-7"},
    {"csisolatinhebrew", "ISO-8859-8"},
    {"cskoi8r", "KOI8-R"},
    {"csksc56011987", "CP949"},
    {"csmacintosh", "MACINTOSH"},
    {"csshiftjis", "CP932"},
    {"csunicode", "UTF-16LE"},
    {"cyrillic", "ISO-8859-5"},
    {"dos-874", "WINDOWS-874"},
    {"ecma-114", "ISO-8859-6"},
    {"ecma-118", "ISO-8859-7"},
    {"elot_928", "ISO-8859-7"},
    {"euc-jp", "EUC-JP-MS"},
    {"euc-kr", "CP949"},
    {"gb18030", "GB18030"},
    {"gb2312", "GB18030"},
    {"gb_2312", "GB18030"},
    {"gb_2312-80", "GB18030"},
    {"gbk", "GB18030"},
    {"greek", "ISO-8859-7"},
    {"greek8", "ISO-8859-7"},
    {"hebrew", "ISO-8859-8"},
    {"ibm819", "WINDOWS-1252"},
    {"ibm866", "IBM866"},
    {"iso-10646-ucs-2", "UTF-16LE"},
    {"iso-2022-cn", "ISO-2022-CN"},
    {"iso-2022-cn-ext", "ISO-2022-CN-EXT"},
    {"iso-2022-jp", "ISO-2022-JP"},
    {"iso-2022-kr", "ISO-2022-KR"},
    {"iso-8859-1", "WINDOWS-1252"},
    {"iso-8859-10", "ISO-8859-10"},
    {"iso-8859-11", "WINDOWS-874"},
    {"iso-8859-13", "ISO-8859-13"},
    {"iso-8859-14", "ISO-8859-14"},
    {"iso-8859-15", "ISO-8859-15"},
    {"iso-8859-16", "ISO-8859-16"},
    {"iso-8859-2", "ISO-8859-2"},
    {"iso-8859-3", "ISO-8859-3"},
    {"iso-8859-4", "ISO-8859-4"},
    {"iso-8859-5", "ISO-8859-5"},
    {"iso-8859-6", "ISO-8859-6"},
    {"iso-8859-6-e", "ISO-8859-6"},
    {"iso-8859-6-i", "ISO-8859-6"},
    {"iso-8859-7", "ISO-8859-7"},
    {"iso-8859-8", "ISO-8859-8"},
    {"iso-8859-8-e", "ISO-8859-8"},
    {"iso-8859-8-i", "ISO-8859-8"},
    {"iso-8859-9", "WINDOWS-1254"},
    {"iso-ir-100", "WINDOWS-1252"},
    {"iso-ir-101", "ISO-8859-2"},
    {"iso-ir-109", "ISO-8859-3"},
    {"iso-ir-110", "ISO-8859-4"},
    {"iso-ir-126", "ISO-8859-7"},
    {"iso-ir-127", "ISO-8859-6"},
    {"iso-ir-138", "ISO-8859-8"},
    {"iso-ir-144", "ISO-8859-5"},
    {"iso-ir-148", "WINDOWS-1254"},
    {"iso-ir-149", "CP949"},
    {"iso-ir-157", "ISO-8859-10"},
    {"iso-ir-58", "GB18030"},
    {"iso8859-1", "WINDOWS-1252"},
    {"iso8859-10", "ISO-8859-10"},
    {"iso8859-11", "WINDOWS-874"},
    {"iso8859-13", "ISO-8859-13"},
    {"iso8859-14", "ISO-8859-14"},
    {"iso8859-15", "ISO-8859-15"},
    {"iso8859-2", "ISO-8859-2"},
    {"iso8859-3", "ISO-8859-3"},
    {"iso8859-4", "ISO-8859-4"},
    {"iso8859-5", "ISO-8859-5"},
    {"iso8859-6", "ISO-8859-6"},
    {"iso8859-7", "ISO-8859-7"},
    {"iso8859-8", "ISO-8859-8"},
    {"iso8859-9", "WINDOWS-1254"},
    {"iso88591", "WINDOWS-1252"},
    {"iso885910", "ISO-8859-10"},
    {"iso885911", "WINDOWS-874"},
    {"iso885913", "ISO-8859-13"},
    {"iso885914", "ISO-8859-14"},
    {"iso885915", "ISO-8859-15"},
    {"iso88592", "ISO-8859-2"},
    {"iso88593", "ISO-8859-3"},
    {"iso88594", "ISO-8859-4"},
    {"iso88595", "ISO-8859-5"},
    {"iso88596", "ISO-8859-6"},
    {"iso88597", "ISO-8859-7"},
    {"iso88598", "ISO-8859-8"},
    {"iso88599", "WINDOWS-1254"},
    {"iso_8859-1", "WINDOWS-1252"},
    {"iso_8859-15", "ISO-8859-15"},
    {"iso_8859-1:1987", "WINDOWS-1252"},
    {"iso_8859-2", "ISO-8859-2"},
    {"iso_8859-2:1987", "ISO-8859-2"},
    {"iso_8859-3", "ISO-8859-3"},
    {"iso_8859-3:1988", "ISO-8859-3"},
    {"iso_8859-4", "ISO-8859-4"},
    {"iso_8859-4:1988", "ISO-8859-4"},
    {"iso_8859-5", "ISO-8859-5"},
    {"iso_8859-5:1988", "ISO-8859-5"},
    {"iso_8859-6", "ISO-8859-6"},
    {"iso_8859-6:1987", "ISO-8859-6"},
    {"iso_8859-7", "ISO-8859-7"},
    {"iso_8859-7:1987", "ISO-8859-7"},
    {"iso_8859-8", "ISO-8859-8"},
    {"iso_8859-8:1988", "ISO-8859-8"},
    {"iso_8859-9", "WINDOWS-1254"},
    {"iso_8859-9:1989", "WINDOWS-1254"},
    {"koi", "KOI8-R"},
    {"koi8", "KOI8-R"},
    {"koi8-r", "KOI8-R"},
    {"koi8-ru", "KOI8-U"},
    {"koi8-u", "KOI8-U"},
    {"koi8_r", "KOI8-R"},
    {"korean", "CP949"},
    {"ks_c_5601-1987", "CP949"},
    {"ks_c_5601-1989", "CP949"},
    {"ksc5601", "CP949"},
    {"ksc_5601", "CP949"},
    {"l1", "WINDOWS-1252"},
    {"l2", "ISO-8859-2"},
    {"l3", "ISO-8859-3"},
    {"l4", "ISO-8859-4"},
    {"l5", "WINDOWS-1254"},
    {"l6", "ISO-8859-10"},
    {"l9", "ISO-8859-15"},
    {"latin1", "WINDOWS-1252"},
    {"latin2", "ISO-8859-2"},
    {"latin3", "ISO-8859-3"},
    {"latin4", "ISO-8859-4"},
    {"latin5", "WINDOWS-1254"},
    {"latin6", "ISO-8859-10"},
    {"logical", "ISO-8859-8"},
    {"mac", "MACINTOSH"},
    {"macintosh", "MACINTOSH"},
    {"ms932", "CP932"},
    {"ms_kanji", "CP932"},
    {"shift-jis", "CP932"},
    {"shift_jis", "CP932"},
    {"sjis", "CP932"},
    {"sun_eu_greek", "ISO-8859-7"},
    {"tis-620", "WINDOWS-874"},
    {"ucs-2", "UTF-16LE"},
    {"unicode", "UTF-16LE"},
    {"unicode-1-1-utf-8", "UTF-8"},
    {"unicode11utf8", "UTF-8"},
    {"unicode20utf8", "UTF-8"},
    {"unicodefeff", "UTF-16LE"},
    {"unicodefffe", "UTF-16BE"},
    {"us-ascii", "WINDOWS-1252"},
    {"utf-16", "UTF-16LE"},
    {"utf-16be", "UTF-16BE"},
    {"utf-16le", "UTF-16LE"},
    {"utf-8", "UTF-8"},
    {"utf8", "UTF-8"},
    {"visual", "ISO-8859-8"},
    {"windows-1250", "WINDOWS-1250"},
    {"windows-1251", "WINDOWS-1251"},
    {"windows-1252", "WINDOWS-1252"},
    {"windows-1253", "WINDOWS-1253"},
    {"windows-1254", "WINDOWS-1254"},
    {"windows-1255", "WINDOWS-1255"},
    {"windows-1256", "WINDOWS-1256"},
    {"windows-1257", "WINDOWS-1257"},
    {"windows-1258", "WINDOWS-1258"},
    {"windows-31j", "CP932"},
    {"windows-874", "WINDOWS-874"},
    {"windows-949", "CP949"},
    {"x-cp1250", "WINDOWS-1250"},
    {"x-cp1251", "WINDOWS-1251"},
    {"x-cp1252", "WINDOWS-1252"},
    {"x-cp1253", "WINDOWS-1253"},
    {"x-cp1254", "WINDOWS-1254"},
    {"x-cp1255", "WINDOWS-1255"},
    {"x-cp1256", "WINDOWS-1256"},
    {"x-cp1257", "WINDOWS-1257"},
    {"x-cp1258", "WINDOWS-1258"},
    {"x-euc-jp", "EUC-JP-MS"},
    {"x-gbk", "GB18030"},
    {"x-mac-cyrillic", "MAC-CYRILLIC"},
    {"x-mac-roman", "MACINTOSH"},
    {"x-mac-ukrainian", "MAC-CYRILLIC"},
    {"x-sjis", "CP932"},
    {"x-unicode20utf8", "UTF-8"},
    {"x-user-defined", "WINDOWS-1252"},
    {"x-x-big5", "BIG5-HKSCS"},
};

/* Copies a label, trimmed of white space and quotes, into `out`; returns 0,
 * or -1 when it is empty or too long to be a name. */
static int copy_label(const char *s, size_t len, char *out)
{
    while (len > 0 && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '"' ||
                       *s == '\'')) {
        s++;
        len--;
    }
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' ||
                       s[len - 1] == '\r' || s[len - 1] == '"' || s[len - 1] == '\'' ||
                       s[len - 1] == ';'))
        len--;
    if (len == 0 || len >= LEDE_ENCODING_NAME_MAX)
        return -1;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x21 || c > 0x7E)
            return -1;
        out[i] = (char)c;
    }
    out[len] = 0;
    return 0;
}

static int compare_label(const void *key, const void *entry)
{
    return lede_ascii_casecmp(key, ((const label_alias *)entry)->label);
}

/* Replaces a label by the name lede converts with. A label that already is
 * that name, in any case, stays as written (it is what the document
 * reports), and so does a name that is no label of the standard: iconv may
 * know it. */
static void canonical_name(char *name)
{
    const label_alias *a = bsearch(name, aliases, sizeof aliases / sizeof aliases[0],
                                   sizeof aliases[0], compare_label);
    if (a && lede_ascii_casecmp(name, a->name) != 0)
        strcpy(name, a->name);
}

/* The same for a label the page declares: a page whose UTF-16 label could be
 * read at all is not UTF-16, so the label means UTF-8 (the HTML standard's
 * prescan rule). A name the caller forces is taken as it is. */
static void declared_name(char *name)
{
    canonical_name(name);
    if (lede_ascii_ncasecmp(name, "UTF-16", 6) == 0)
        strcpy(name, "UTF-8");
}

static int is_utf8_name(const char *name)
{
    return lede_ascii_casecmp(name, "UTF-8") == 0;
}

static int stateful_name(const char *name)
{
    return lede_ascii_ncasecmp(name, "iso-2022", 8) == 0 ||
           lede_ascii_ncasecmp(name, "utf-7", 5) == 0 || lede_ascii_ncasecmp(name, "hz", 2) == 0;
}

/* ====== UTF-16 without a byte order mark ====== */

/* How many bytes of the page the guess at UTF-16 looks at. */
enum { UTF16_SNIFF_BYTES = 1024 };

/* "UTF-16LE" or "UTF-16BE" when the page's first bytes look like UTF-16,
 * else NULL. Markup is ASCII, so in UTF-16 the same byte of most pairs is
 * zero (the odd one in little-endian) and the other one almost never; in an
 * ASCII-based encoding zero bytes are rare and fall on either side. Counting
 * over the first kilobyte rather than looking for '<' at the start finds
 * pages that open with white space, text or a byte of garbage. */
static const char *utf16_by_zero_bytes(const unsigned char *u, size_t len)
{
    size_t n = len < UTF16_SNIFF_BYTES ? len : UTF16_SNIFF_BYTES;
    size_t pairs = n / 2, zero_even = 0, zero_odd = 0;
    if (pairs < 2)
        return NULL;
    for (size_t i = 0; i + 1 < n; i += 2) {
        zero_even += u[i] == 0;
        zero_odd += u[i + 1] == 0;
    }
    if (zero_odd * 4 >= pairs && zero_even * 8 <= zero_odd)
        return "UTF-16LE";
    if (zero_even * 4 >= pairs && zero_odd * 8 <= zero_even)
        return "UTF-16BE";
    return NULL;
}

/* The first character but white space is '<' with a zero byte beside it:
 * a page of Chinese or Japanese text has few zero bytes to count, but its
 * markup starts as any page's does. */
static const char *utf16_by_first_tag(const unsigned char *u, size_t len)
{
    for (int le = 1; le >= 0; le--) {
        size_t i = 0;
        while (i + 1 < len && u[i + le] == 0 && lede_html_space(u[i + 1 - le]))
            i += 2;
        if (i + 1 < len && u[i + le] == 0 && u[i + 1 - le] == '<')
            return le ? "UTF-16LE" : "UTF-16BE";
    }
    return NULL;
}

static const char *utf16_without_bom(const unsigned char *u, size_t len)
{
    const char *name = utf16_by_zero_bytes(u, len);
    return name ? name : utf16_by_first_tag(u, len);
}

/* ====== Finding a declaration ====== */

static int starts_with_ci(const char *s, size_t len, const char *word)
{
    size_t n = strlen(word);
    return len >= n && lede_ascii_ncasecmp(s, word, n) == 0;
}

/* The charset=... inside a Content-Type value. */
static int charset_in_content(const char *v, size_t len, char *out)
{
    for (size_t i = 0; i + 7 <= len; i++) {
        if (!starts_with_ci(v + i, len - i, "charset"))
            continue;
        size_t j = i + 7;
        while (j < len && lede_html_space((unsigned char)v[j]))
            j++;
        if (j >= len || v[j] != '=')
            continue;
        j++;
        size_t k = j;
        while (k < len && v[k] != ';' && !lede_html_space((unsigned char)v[k]))
            k++;
        if (k > j && copy_label(v + j, k - j, out) == 0)
            return 1;
    }
    return 0;
}

typedef struct meta_attrs {
    const char *charset;
    size_t charset_len;
    const char *content;
    size_t content_len;
    int content_type; /* http-equiv="Content-Type" */
} meta_attrs;

/* Reads the attributes of a tag starting at s[i] (after its name) up to '>';
 * returns the index after the tag. */
static size_t read_meta_attrs(const char *s, size_t i, size_t len, meta_attrs *m)
{
    while (i < len && s[i] != '>') {
        while (i < len && (lede_html_space((unsigned char)s[i]) || s[i] == '/'))
            i++;
        size_t ns = i;
        while (i < len && !lede_html_space((unsigned char)s[i]) && s[i] != '=' && s[i] != '>' &&
               s[i] != '/')
            i++;
        size_t ne = i;
        while (i < len && lede_html_space((unsigned char)s[i]))
            i++;
        const char *v = NULL;
        size_t vl = 0;
        if (i < len && s[i] == '=') {
            i++;
            while (i < len && lede_html_space((unsigned char)s[i]))
                i++;
            if (i < len && (s[i] == '"' || s[i] == '\'')) {
                char q = s[i++];
                const char *e = memchr(s + i, q, len - i);
                size_t end = e ? (size_t)(e - s) : len;
                v = s + i;
                vl = end - i;
                i = end < len ? end + 1 : len;
            } else {
                size_t vs = i;
                while (i < len && !lede_html_space((unsigned char)s[i]) && s[i] != '>')
                    i++;
                v = s + vs;
                vl = i - vs;
            }
        }
        if (ne == ns) {
            if (i < len && s[i] != '>')
                i++;
            continue;
        }
        size_t nl = ne - ns;
        if (nl == 7 && starts_with_ci(s + ns, nl, "charset") && v) {
            m->charset = v;
            m->charset_len = vl;
        } else if (nl == 7 && starts_with_ci(s + ns, nl, "content") && v) {
            m->content = v;
            m->content_len = vl;
        } else if (nl == 10 && starts_with_ci(s + ns, nl, "http-equiv") && v) {
            m->content_type = vl == 12 && starts_with_ci(v, vl, "content-type");
        }
    }
    return i;
}

/* The encoding an XML declaration names: <?xml version="1.0" encoding="X"?>. */
static int xml_declaration(const char *s, size_t len, char *out)
{
    if (!starts_with_ci(s, len, "<?xml"))
        return 0;
    const char *end = memchr(s, '>', len < 512 ? len : 512);
    if (!end)
        return 0;
    size_t n = (size_t)(end - s);
    for (size_t i = 5; i + 8 < n; i++) {
        if (!starts_with_ci(s + i, n - i, "encoding"))
            continue;
        size_t j = i + 8;
        while (j < n && (lede_html_space((unsigned char)s[j]) || s[j] == '='))
            j++;
        if (j < n && (s[j] == '"' || s[j] == '\'')) {
            char q = s[j++];
            const char *e = memchr(s + j, q, n - j);
            if (e && copy_label(s + j, (size_t)(e - s) - j, out) == 0)
                return 1;
        }
        return 0;
    }
    return 0;
}

/* Looks for the page's declared encoding in its first bytes: an XML
 * declaration, <meta charset>, or <meta http-equiv="Content-Type">, skipping
 * comments. Stops at <body. */
static int declared_encoding(const char *s, size_t len, char *out)
{
    if (xml_declaration(s, len, out))
        return 1;
    if (len > PRESCAN_BYTES)
        len = PRESCAN_BYTES;
    for (size_t i = 0; i < len;) {
        const char *lt = memchr(s + i, '<', len - i);
        if (!lt)
            break;
        i = (size_t)(lt - s) + 1;
        if (starts_with_ci(s + i, len - i, "!--")) {
            size_t j = i + 3;
            while (j + 2 < len && !(s[j] == '-' && s[j + 1] == '-' && s[j + 2] == '>'))
                j++;
            i = j + 3;
            continue;
        }
        if (starts_with_ci(s + i, len - i, "body") && i + 4 < len &&
            (lede_html_space((unsigned char)s[i + 4]) || s[i + 4] == '>'))
            break;
        if (!starts_with_ci(s + i, len - i, "meta") || i + 4 >= len ||
            !(lede_html_space((unsigned char)s[i + 4]) || s[i + 4] == '/'))
            continue;
        meta_attrs m = {NULL, 0, NULL, 0, 0};
        i = read_meta_attrs(s, i + 4, len, &m);
        if (m.charset && copy_label(m.charset, m.charset_len, out) == 0)
            return 1;
        if (m.content_type && m.content && charset_in_content(m.content, m.content_len, out))
            return 1;
    }
    return 0;
}

/* ====== UTF-8 ====== */

/* Windows-1252's characters for bytes 0x80-0x9F; the five bytes it leaves
 * undefined map to the C1 controls, as in the Encoding Standard. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

typedef struct utf8_scan {
    size_t invalid;   /* bytes that are not part of a valid sequence */
    size_t multibyte; /* valid sequences of 2 to 4 bytes */
    size_t nul;
} utf8_scan;

static void scan_utf8(const char *s, size_t len, utf8_scan *r)
{
    const unsigned char *u = (const unsigned char *)s;
    memset(r, 0, sizeof *r);
    for (size_t i = 0; i < len;) {
        i = lede_skip_ascii(u, len, i);
        if (i >= len)
            break;
        if (u[i] == 0) {
            r->nul++;
            i++;
            continue;
        }
        int32_t cp;
        size_t n = lede_utf8_next(u + i, len - i, &cp);
        if (cp < 0)
            r->invalid++;
        else
            r->multibyte++;
        i += n;
    }
}

/* Copies UTF-8 with each invalid byte read as Windows-1252 and each NUL as
 * U+FFFD. */
static lede_status repair_utf8(const char *s, size_t len, lede_strbuf *out)
{
    const unsigned char *u = (const unsigned char *)s;
    if (lede_strbuf_reserve(out, len + len / 2 + 16) != 0)
        return LEDE_ERR_NOMEM;
    for (size_t i = 0; i < len;) {
        size_t run = lede_skip_ascii(u, len, i);
        if (run > i && lede_strbuf_append(out, s + i, run - i) != 0)
            return LEDE_ERR_NOMEM;
        i = run;
        if (i >= len)
            break;
        int32_t cp;
        size_t n = u[i] == 0 ? 1 : lede_utf8_next(u + i, len - i, &cp);
        int rc;
        if (u[i] == 0)
            rc = lede_strbuf_put_utf8(out, 0xFFFD);
        else if (cp >= 0)
            rc = lede_strbuf_append(out, s + i, n);
        else if (u[i] < 0xA0)
            rc = lede_strbuf_put_utf8(out, cp1252_high[u[i] - 0x80]);
        else
            rc = lede_strbuf_put_utf8(out, u[i]);
        if (rc != 0)
            return LEDE_ERR_NOMEM;
        i += n;
    }
    return LEDE_OK;
}

/* ====== Other encodings ====== */

/* Converts with iconv; a byte sequence invalid in the encoding becomes
 * U+FFFD and conversion goes on after its first byte. */
static lede_status convert_iconv(iconv_t cd, const char *s, size_t len, lede_strbuf *out)
{
    char *in = (char *)s;
    size_t left = len;
    while (left > 0) {
        if (lede_strbuf_reserve(out, left * 2 + 64) != 0)
            return LEDE_ERR_NOMEM;
        char *dst = out->data + out->len;
        size_t room = out->cap - out->len - 1;
        size_t rc = iconv(cd, &in, &left, &dst, &room);
        out->len = (size_t)(dst - out->data);
        if (rc != (size_t)-1)
            continue;
        if (errno == E2BIG)
            continue;
        /* EILSEQ (invalid) or EINVAL (truncated at the end): skip one byte. */
        if (lede_strbuf_put_utf8(out, 0xFFFD) != 0)
            return LEDE_ERR_NOMEM;
        in++;
        left--;
        iconv(cd, NULL, NULL, NULL, NULL);
    }
    /* Flush a stateful encoding's shift state. */
    if (lede_strbuf_reserve(out, 16) != 0)
        return LEDE_ERR_NOMEM;
    char *dst = out->data + out->len;
    size_t room = out->cap - out->len - 1;
    iconv(cd, NULL, NULL, &dst, &room);
    out->len = (size_t)(dst - out->data);
    out->data[out->len] = 0;
    return LEDE_OK;
}

static lede_status decode_with(const char *s, size_t len, const char *name,
                               lede_html_source *src, lede_error **err)
{
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1)
        return lede_fail(err, LEDE_ERR_INVALID_ARGUMENT, "unknown encoding '%s'", name);
    lede_strbuf converted = {0};
    lede_status st = convert_iconv(cd, s, len, &converted);
    iconv_close(cd);
    /* iconv's UTF-8 is valid, but a NUL in the page is still a NUL. */
    lede_strbuf clean = {0};
    if (st == LEDE_OK)
        st = repair_utf8(converted.data ? converted.data : "", converted.len, &clean);
    lede_strbuf_free(&converted);
    if (st != LEDE_OK) {
        lede_strbuf_free(&clean);
        return lede_fail(err, st, "out of memory while decoding the page");
    }
    src->owned = clean.data;
    src->converted = 1;
    src->data = clean.data ? clean.data : "";
    src->len = clean.len;
    strcpy(src->encoding, name);
    return LEDE_OK;
}

static lede_status decode_utf8(const char *s, size_t len, const utf8_scan *scan,
                               lede_html_source *src, lede_error **err)
{
    strcpy(src->encoding, "UTF-8");
    if (scan->invalid == 0 && scan->nul == 0) {
        src->data = s;
        src->len = len;
        return LEDE_OK;
    }
    if (scan->invalid > 0)
        strcpy(src->encoding, scan->multibyte > 0 ? "UTF-8 (invalid bytes as WINDOWS-1252)"
                                                  : "WINDOWS-1252");
    lede_strbuf out = {0};
    if (repair_utf8(s, len, &out) != LEDE_OK) {
        lede_strbuf_free(&out);
        return lede_fail(err, LEDE_ERR_NOMEM, "out of memory while decoding the page");
    }
    src->owned = out.data;
    src->converted = 1;
    src->data = out.data ? out.data : "";
    src->len = out.len;
    return LEDE_OK;
}

static lede_status decode_page(const char *bytes, size_t len, const char *forced,
                               lede_html_source *src, lede_error **err)
{
    const unsigned char *u = (const unsigned char *)bytes;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        utf8_scan scan;
        scan_utf8(bytes + 3, len - 3, &scan);
        src->skipped = 3;
        return decode_utf8(bytes + 3, len - 3, &scan, src, err);
    }
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return decode_with(bytes + 2, len - 2, u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE", src,
                           err);
    const char *utf16 = forced && *forced ? NULL : utf16_without_bom(u, len);
    if (utf16)
        return decode_with(bytes, len, utf16, src, err);
    char name[LEDE_ENCODING_NAME_MAX] = "";
    if (forced && *forced) {
        if (copy_label(forced, strlen(forced), name) != 0)
            return lede_fail(err, LEDE_ERR_INVALID_ARGUMENT, "invalid encoding name '%s'",
                             forced);
        canonical_name(name);
        if (is_utf8_name(name)) {
            utf8_scan scan;
            scan_utf8(bytes, len, &scan);
            return decode_utf8(bytes, len, &scan, src, err);
        }
        return decode_with(bytes, len, name, src, err);
    }
    utf8_scan scan;
    scan_utf8(bytes, len, &scan);
    if (!declared_encoding(bytes, len, name))
        return decode_utf8(bytes, len, &scan, src, err);
    declared_name(name);
    int valid_utf8 = scan.invalid == 0 && scan.multibyte > 0;
    if (is_utf8_name(name) || valid_utf8)
        return decode_utf8(bytes, len, &scan, src, err);
    /* Pure ASCII reads the same in every ASCII-based encoding; only the
     * stateful ones (ISO-2022-JP, UTF-7, HZ) use escapes made of ASCII. */
    if (scan.invalid == 0 && scan.multibyte == 0 && !stateful_name(name)) {
        lede_status st = decode_utf8(bytes, len, &scan, src, err);
        strcpy(src->encoding, name);
        return st;
    }
    lede_status st = decode_with(bytes, len, name, src, NULL);
    if (st == LEDE_ERR_INVALID_ARGUMENT) /* a label nobody knows: guess */
        return decode_utf8(bytes, len, &scan, src, err);
    if (st != LEDE_OK)
        return lede_fail(err, st, "out of memory while decoding the page");
    return LEDE_OK;
}

/* The first CR of `len` bytes that no LF follows, or NULL. */
static const char *lone_cr(const char *s, size_t len)
{
    const char *end = s + len;
    const char *cr = memchr(s, '\r', len);
    while (cr && cr + 1 < end && cr[1] == '\n')
        cr = memchr(cr + 2, '\r', (size_t)(end - cr - 2));
    return cr;
}

/* Makes each lone CR of the source an LF, one byte for one, in a copy of
 * the caller's bytes (BOM included, so that positions stay theirs) when
 * it has none of its own. */
static lede_status lone_crs_to_lf(lede_html_source *src, lede_error **err)
{
    const char *cr = lone_cr(src->data, src->len);
    if (!cr)
        return LEDE_OK;
    size_t from = (size_t)(cr - src->data);
    if (!src->owned) {
        char *copy = malloc(src->skipped + src->len + 1);
        if (!copy)
            return lede_fail(err, LEDE_ERR_NOMEM, "out of memory while decoding the page");
        memcpy(copy, src->data - src->skipped, src->skipped + src->len);
        copy[src->skipped + src->len] = '\0';
        src->owned = copy;
        src->data = copy + src->skipped;
    }
    char *d = src->owned + (src->data - src->owned), *end = d + src->len;
    for (char *p = d + from; p; p = p + 1 < end ? memchr(p + 1, '\r', (size_t)(end - p - 1)) : NULL)
        if (p + 1 == end || p[1] != '\n')
            *p = '\n';
    return LEDE_OK;
}

lede_status lede_html_decode(const char *bytes, size_t len, const char *forced,
                             lede_html_source *src, lede_error **err)
{
    memset(src, 0, sizeof *src);
    lede_status st = decode_page(bytes, len, forced, src, err);
    if (st == LEDE_OK)
        st = lone_crs_to_lf(src, err);
    if (st != LEDE_OK)
        lede_html_source_free(src);
    return st;
}

void lede_html_source_free(lede_html_source *src)
{
    free(src->owned);
    memset(src, 0, sizeof *src);
}
