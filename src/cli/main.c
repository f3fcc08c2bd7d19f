/* main.c - the lede program: a thin shell over liblede's public API. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char main_help[] =
    "Usage: lede COMMAND [OPTIONS] [FILE...]\n"
    "Offline extractive summarizer: prints the most central sentences of a text,\n"
    "verbatim, as bullet points.\n"
    "\n"
    "Commands:\n"
    "  summarize   print the summary of each FILE (see 'lede summarize --help')\n"
    "  split       print the sentences of each FILE (see 'lede split --help')\n"
    "  batch       summarize JSON Lines, one document a line (see 'lede batch --help')\n"
    "  rouge       ROUGE-1.5.5 scores, exactly (see 'lede rouge --help')\n"
    "  extract     print the article of each web page FILE (see 'lede extract --help')\n"
    "  bench       benchmark summarization methods with ROUGE (see 'lede bench --help')\n"
    "\n"
    "Options:\n"
    "  -h, --help      show this help\n"
    "  -V, --version   show the versions of lede and of the libraries it uses\n"
    "\n"
    "Exit status: 0 success, 1 input or data error, 2 usage error, 3 output error.\n";

static int print_version(void)
{
    char deps[512];
    lede_dependency_versions(deps, sizeof deps);
    printf("lede %s (liblede %s)\n", LEDE_VERSION_STRING, lede_version_string());
    printf("%s; jansson %s\n", deps, JANSSON_VERSION);
    return cli_finish_output(EXIT_OK);
}

/* The program must run against the library it was built with: a different
 * liblede could lay out lede_sentence differently. */
static int check_library_version(void)
{
    if (lede_version_number() == LEDE_VERSION_NUMBER)
        return 0;
    cli_warn("library version %s does not match this program's %s", lede_version_string(),
             LEDE_VERSION_STRING);
    return -1;
}

int main(int argc, char **argv)
{
    if (check_library_version() != 0)
        return EXIT_INPUT;
    if (argc < 2)
        return cli_usage_error(NULL, "no command given");
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        fputs(main_help, stdout);
        return cli_finish_output(EXIT_OK);
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0)
        return print_version();
    if (strcmp(cmd, "summarize") == 0)
        return cli_summarize(argc - 1, argv + 1);
    if (strcmp(cmd, "split") == 0)
        return cli_split(argc - 1, argv + 1);
    if (strcmp(cmd, "batch") == 0)
        return cli_batch(argc - 1, argv + 1);
    if (strcmp(cmd, "rouge") == 0)
        return cli_rouge(argc - 1, argv + 1);
    if (strcmp(cmd, "extract") == 0)
        return cli_extract(argc - 1, argv + 1);
    if (strcmp(cmd, "bench") == 0)
        return cli_bench(argc - 1, argv + 1);
    return cli_usage_error(NULL, "unknown command '%s'", cmd);
}
