#include "scannedonly/pattern.hpp"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <algorithm>

namespace scannedonly {

namespace {
// UTF so patterns may name non-ASCII file names; paths that are not valid
// UTF-8 must still be matchable rather than an error.
constexpr uint32_t kCompileOptions = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;

std::string pcre2_message(int code) {
    PCRE2_UCHAR buffer[256];
    if (pcre2_get_error_message(code, buffer, sizeof buffer) < 0) return "unknown error";
    return reinterpret_cast<const char*>(buffer);
}
}  // namespace

Pattern::Pattern(std::string_view text) : text_(text) {
    int error = 0;
    PCRE2_SIZE offset = 0;
    pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(text_.data()), text_.size(),
                                     kCompileOptions, &error, &offset, nullptr);
    if (!code)
        throw PatternError("invalid pattern '" + text_ + "': " + pcre2_message(error) +
                           " at offset " + std::to_string(offset));
    // JIT is an optimisation only; without it matching still works.
    pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
    code_.reset(code, pcre2_code_free);
}

bool Pattern::matches(std::string_view subject) const {
    // Match data per call keeps one compiled pattern usable from many threads.
    std::unique_ptr<pcre2_match_data, decltype(&pcre2_match_data_free)> data(
        pcre2_match_data_create_from_pattern(code_.get(), nullptr), &pcre2_match_data_free);
    if (!data) throw std::bad_alloc();
    const int rc = pcre2_match(code_.get(), reinterpret_cast<PCRE2_SPTR>(subject.data()),
                               subject.size(), 0, 0, data.get(), nullptr);
    return rc >= 0;
}

bool matches_any(const std::vector<Pattern>& patterns, std::string_view subject) {
    return std::any_of(patterns.begin(), patterns.end(),
                       [&](const Pattern& p) { return p.matches(subject); });
}

}  // namespace scannedonly
