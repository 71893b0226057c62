#include "scannedonly/virus_log_line.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace scannedonly;

namespace {
constexpr std::time_t kWhen = 1795311000;  // 2026-11-22T01:30:00Z

std::string fields_of(const std::string& line) {
    return line.substr(line.find('\t') + 1);
}
}  // namespace

TEST(VirusLogLine, FiveTabSeparatedFieldsOnOneLine) {
    EXPECT_EQ(virus_log_line(kWhen, "/srv/share/a b.exe", "Eicar-Test-Signature", "renamed",
                             "/srv/share/.virus:a b.exe"),
              "2026-11-22T01:30:00Z\t/srv/share/a b.exe\tEicar-Test-Signature\trenamed\t"
              "/srv/share/.virus:a b.exe\n");
}

TEST(VirusLogLine, ControlCharactersInANameAreEscaped) {
    const std::string line =
        virus_log_line(kWhen, "/srv/a\rb\tc\nd\\e\x1b.exe", "V", "none", "");
    EXPECT_EQ(fields_of(line), "/srv/a\\x0db\\x09c\\x0ad\\x5ce\\x1b.exe\tV\tnone\t\n");
    EXPECT_EQ(std::count(line.begin(), line.end(), '\t'), 4);
    EXPECT_EQ(line.find('\r'), std::string::npos);
    EXPECT_EQ(line.find('\n'), line.size() - 1);
}

TEST(VirusLogLine, EveryFieldIsEscaped) {
    EXPECT_EQ(fields_of(virus_log_line(kWhen, "p", "Virus\r", "act\t", "/q/x\r")),
              "p\tVirus\\x0d\tact\\x09\t/q/x\\x0d\n");
}
