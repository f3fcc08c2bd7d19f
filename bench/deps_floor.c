/* deps_floor.c - a program that does nothing but is linked with every
 * library lede's CLI loads at start-up (utf8proc, libstemmer, jansson;
 * libxml2 and OpenBLAS are opened only when needed, src/html/libxml.h and
 * src/graph/blas.h): its start-up is the floor of `lede batch`'s own, the
 * time the dynamic loader and the libraries' constructors take before
 * main. The calls below only keep each library needed; they run only with
 * an argument, and bench/speed.py runs the program without one. */
#include <jansson.h>
#include <libstemmer.h>
#include <stdio.h>
#include <utf8proc.h>

int main(int argc, char **argv)
{
    (void)argv;
    if (argc < 2)
        return 0;
    printf("%s\n%s\n%s\n", utf8proc_version(), sb_stemmer_list()[0], jansson_version_str());
    return 0;
}
