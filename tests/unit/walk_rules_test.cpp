#include "scannedonly/walk_rules.hpp"

#include <gtest/gtest.h>

using namespace scannedonly;
using namespace std::chrono_literals;

TEST(WalkRules, SkipsTheDaemonsEntries) {
    const Prefixes p;
    const std::vector<Pattern> none;
    EXPECT_TRUE(skip_entry(".scanned:a", "/s/.scanned:a", false, p, none));
    EXPECT_TRUE(skip_entry(".virus:a", "/s/.virus:a", false, p, none));
    EXPECT_TRUE(skip_entry(".failed:a", "/s/.failed:a", false, p, none));
    EXPECT_FALSE(skip_entry("a", "/s/a", false, p, none));
    EXPECT_FALSE(skip_entry("a.VIRUS-WARNING.txt", "/s/a.VIRUS-WARNING.txt", false, p, none));
}

TEST(WalkRules, ExcludesMatchPathsAndDirectoriesWithTrailingSlash) {
    const Prefixes p;
    std::vector<Pattern> ex;
    ex.emplace_back("/tmp/");
    ex.emplace_back("\\.iso$");
    EXPECT_TRUE(skip_entry("tmp", "/s/tmp", true, p, ex));
    EXPECT_FALSE(skip_entry("tmp", "/s/tmp", false, p, ex));
    EXPECT_TRUE(skip_entry("cd.iso", "/s/cd.iso", false, p, ex));
    EXPECT_FALSE(skip_entry("tmpfile", "/s/tmpfile", false, p, ex));
}

TEST(WalkRules, MarkerExpiry) {
    const timespec now{1'000'000, 0};
    MarkerFacts m{true, true, 0, 0, {1'000'000 - 15 * 86400, 0}, {}};
    EXPECT_TRUE(marker_expired(m, now, 24h * 14));
    EXPECT_FALSE(marker_expired(m, now, 24h * 16));
    EXPECT_FALSE(marker_expired(MarkerFacts{}, now, 0ms));
}
