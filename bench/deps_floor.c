/* deps_floor.c - a program that does nothing but is linked with every
 * library lede's CLI loads at start-up (OpenBLAS, utf8proc, libstemmer,
 * jansson; libxml2 is opened only for markup, src/html/libxml.h): its
 * start-up is the floor of `lede batch`'s own, the time the dynamic loader
 * and the libraries' constructors take before main. The
 * calls below only keep each library needed; they run only with an
 * argument, and bench/speed.py runs the program without one. */
#include <cblas.h>
#include <jansson.h>
#include <libstemmer.h>
#include <stdio.h>
#include <utf8proc.h>

int main(int argc, char **argv)
{
    (void)argv;
    if (argc < 2)
        return 0;
    printf("%s\n%s\n%s\n%s\n", openblas_get_config(), utf8proc_version(), sb_stemmer_list()[0],
           jansson_version_str());
    return 0;
}
