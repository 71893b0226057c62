#include "scannedonly/units.hpp"

#include <gtest/gtest.h>

using namespace scannedonly;
using namespace std::chrono_literals;

TEST(ParseSize, PlainAndSuffixed) {
    EXPECT_EQ(parse_size("0"), 0u);
    EXPECT_EQ(parse_size("123"), 123u);
    EXPECT_EQ(parse_size("100k"), 100u * 1024);
    EXPECT_EQ(parse_size("100KB"), 100u * 1024);
    EXPECT_EQ(parse_size("5M"), 5u << 20);
    EXPECT_EQ(parse_size("2g"), 2ull << 30);
    EXPECT_EQ(parse_size("7b"), 7u);
}

TEST(ParseSize, RejectsGarbageAndOverflow) {
    EXPECT_FALSE(parse_size(""));
    EXPECT_FALSE(parse_size("M"));
    EXPECT_FALSE(parse_size("-5"));
    EXPECT_FALSE(parse_size("5X"));
    EXPECT_FALSE(parse_size("5 M"));
    EXPECT_FALSE(parse_size("99999999999999999999"));
    EXPECT_FALSE(parse_size("99999999999999G"));
}

TEST(ParseDuration, Units) {
    EXPECT_EQ(parse_duration("50ms"), 50ms);
    EXPECT_EQ(parse_duration("3s"), 3s);
    EXPECT_EQ(parse_duration("2m"), 2min);
    EXPECT_EQ(parse_duration("1h"), 1h);
    EXPECT_EQ(parse_duration("14d"), 14 * 24h);
    EXPECT_EQ(parse_duration("1w"), 7 * 24h);
    EXPECT_EQ(parse_duration("7"), 7s);
    EXPECT_EQ(parse_duration("7", 1min), 7min);
}

TEST(ParseDuration, RejectsGarbage) {
    EXPECT_FALSE(parse_duration(""));
    EXPECT_FALSE(parse_duration("d"));
    EXPECT_FALSE(parse_duration("5y"));
    EXPECT_FALSE(parse_duration("99999999999999999w"));
}

// An option of the original keeps its unit for a bare number: --big 5 is
// 5 MiB; a suffix or "b" says what it says whatever the bare unit.
TEST(ParseSize, BareNumbersInTheOptionsOwnUnit) {
    EXPECT_EQ(parse_size("5", kMiB), 5u << 20);
    EXPECT_EQ(parse_size("100", kKiB), 100u << 10);
    EXPECT_EQ(parse_size("512k", kMiB), 512u << 10);
    EXPECT_EQ(parse_size("7b", kMiB), 7u);
    EXPECT_EQ(parse_size("0", kMiB), 0u);
    EXPECT_FALSE(parse_size("99999999999999", kMiB));  // overflows in MiB
}

TEST(ParseBool, BooleansInEverySambaSpelling) {
    for (const char* t : {"yes", "True", "ON", "1"}) EXPECT_EQ(parse_bool(t), true) << t;
    for (const char* f : {"no", "false", "Off", "0"}) EXPECT_EQ(parse_bool(f), false) << f;
    for (const char* x : {"", "y", "2", "yess"}) EXPECT_FALSE(parse_bool(x)) << x;
}

TEST(LowerCase, AsciiOnly) {
    EXPECT_EQ(lower_case("ScanRoot 5M"), "scanroot 5m");
    EXPECT_EQ(lower_case("\xC3\x84"), "\xC3\x84");
}
