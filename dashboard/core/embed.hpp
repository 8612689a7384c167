#pragma once
// Embeds a file's bytes in the binary at build time with the assembler's .incbin, so the
// binary runs with nothing beside it. `path` must be a string literal (an absolute path that the
// build passes in); CMake's OBJECT_DEPENDS makes the object rebuild when the file changes.
// A NUL byte follows the data so text can be handed to C APIs.

#include <string_view>

#define ACTIONBOARD_EMBED(name, path)                                                              \
    extern "C" const char name##_begin[];                                                         \
    extern "C" const char name##_end[];                                                           \
    asm(".pushsection .rodata\n"                                                                   \
        ".balign 16\n"                                                                             \
        ".global " #name "_begin\n" #name "_begin:\n"                                              \
        ".incbin \"" path "\"\n"                                                                   \
        ".global " #name "_end\n" #name "_end:\n"                                                  \
        ".byte 0\n"                                                                                \
        ".popsection\n");                                                                          \
    static std::string_view name##_view() {                                                        \
        return std::string_view(name##_begin, std::size_t(name##_end - name##_begin));            \
    }
