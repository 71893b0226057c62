#include "scannedonly/scan_root.hpp"

#include <gtest/gtest.h>

using namespace scannedonly;

TEST(SplitBeneath, SplitsIntoRootParentAndName) {
    auto r = split_beneath({"/srv/share"}, "/srv/share/a/b/file.txt");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->root, "/srv/share");
    EXPECT_EQ(r->parent, "a/b");
    EXPECT_EQ(r->name, "file.txt");
    auto top = split_beneath({"/srv/share"}, "/srv/share/file.txt");
    ASSERT_TRUE(top);
    EXPECT_EQ(top->parent, "");
    EXPECT_EQ(top->name, "file.txt");
}

TEST(SplitBeneath, RefusesPathsOutsideAndTheRootItself) {
    EXPECT_FALSE(split_beneath({"/srv/share"}, "/srv/share"));
    EXPECT_FALSE(split_beneath({"/srv/share"}, "/srv/share2/x"));
    EXPECT_FALSE(split_beneath({"/srv/share"}, "/etc/shadow"));
}

TEST(SplitBeneath, LongestRootWins) {
    auto r = split_beneath({"/srv", "/srv/share"}, "/srv/share/x/y");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->root, "/srv/share");
    EXPECT_EQ(r->parent, "x");
}

TEST(SplitBeneath, NoRootsMeansNothing) {
    EXPECT_FALSE(split_beneath({}, "/etc/passwd"));
    EXPECT_FALSE(split_beneath({}, "/"));
}

TEST(SplitBeneath, SlashAsRootMeansEverythingBelowIt) {
    auto r = split_beneath({"/"}, "/etc/passwd");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->root, "/");
    EXPECT_EQ(r->parent, "etc");
    EXPECT_EQ(r->name, "passwd");
    EXPECT_FALSE(split_beneath({"/"}, "/"));
}
