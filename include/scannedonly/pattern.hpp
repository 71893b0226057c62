// PCRE2 patterns for --exclude: compiled once, matched against absolute
// paths by the daemon and the prescan tool alike.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct pcre2_real_code_8;

namespace scannedonly {

class PatternError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

class Pattern {
public:
    // Throws PatternError naming the pattern, the PCRE2 message and offset.
    explicit Pattern(std::string_view text);

    // Unanchored search, like `grep -P`: anchor with ^ and $ when needed.
    // Safe to call from several threads at once.
    bool matches(std::string_view subject) const;
    const std::string& text() const { return text_; }

private:
    std::string text_;
    // Shared by copies (a reload copies the settings): compiled code is
    // only read once made.
    std::shared_ptr<const pcre2_real_code_8> code_;
};

bool matches_any(const std::vector<Pattern>& patterns, std::string_view subject);

}  // namespace scannedonly
