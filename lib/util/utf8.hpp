// UTF-8 decoding, shared by the reader's byte checks and the writer's quoting, and the
// escaping of text that reaches a terminal or a CI log.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mentorctl {

/// Decodes the UTF-8 code point at `i`, advancing `i` past it; returns -1 (and leaves
/// `i` alone) for a sequence that is not valid UTF-8: bad lead or continuation bytes,
/// truncation, overlong forms, surrogates, or values above U+10FFFF.
long next_code_point(std::string_view s, std::size_t& i);

/// The offset of the first byte of `s` that is not valid UTF-8, or npos.
std::size_t first_invalid_utf8(std::string_view s);

/// Whether all of `s` is valid UTF-8.
inline bool is_valid_utf8(std::string_view s) { return first_invalid_utf8(s) == std::string_view::npos; }

/// The columns UTF-8 text takes on a terminal, counted as one per code point (the text
/// the records allow has no wide or combining characters worth more).
std::size_t display_width(std::string_view text);

/// `text` broken at spaces into lines of at most `width` columns; a word longer than
/// `width` stays whole on a line of its own. Never breaks inside a word.
std::vector<std::string> wrap_words(std::string_view text, std::size_t width);

/// `text` made safe to print: control characters (C0, DEL, C1), bidirectional overrides
/// and bytes that are not UTF-8 become visible escapes (`\n`, `\t`, `\x1b`, `\u202e`), so
/// no value or file name can move the cursor, recolour a terminal or start a new line of
/// output. The ASCII control characters in `keep` (such as "\r\n") are left as they are,
/// for a caller that encodes them its own way.
std::string visible_text(std::string_view text, std::string_view keep = {});

}  // namespace mentorctl
