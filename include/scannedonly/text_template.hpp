// Filling a text template such as the virus warning's: %NAME% placeholders.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace scannedonly {

using TemplateValues = std::vector<std::pair<std::string, std::string>>;

// Each %NAME% with a value is replaced by it, %% by %; anything else is
// kept as written, so a typo shows in the result instead of vanishing.
std::string fill_template(std::string_view text, const TemplateValues& values);

}  // namespace scannedonly
