// UTF-8 decoding, shared by the reader's byte checks and the writer's quoting.
#pragma once

#include <cstddef>
#include <string_view>

namespace mentorctl {

/// Decodes the UTF-8 code point at `i`, advancing `i` past it; returns -1 (and leaves
/// `i` alone) for a sequence that is not valid UTF-8: bad lead or continuation bytes,
/// truncation, overlong forms, surrogates, or values above U+10FFFF.
long next_code_point(std::string_view s, std::size_t& i);

}  // namespace mentorctl
