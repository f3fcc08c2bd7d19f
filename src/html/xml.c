/* xml.c - XML input. */
#include "../common/error.h"
#include "document.h"

lede_status lede_extract_xml(const char *xml, size_t len, const char *xpath,
                             const lede_extract_options *opts, lede_document **out,
                             lede_error **err)
{
    (void)xml; (void)len; (void)xpath; (void)opts; (void)out;
    return lede_fail(err, LEDE_ERR_INTERNAL, "not yet");
}
