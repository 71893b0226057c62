#include "scannedonly/paths.hpp"

#include <gtest/gtest.h>

using namespace scannedonly;

TEST(Paths, SplitLastKeepsTheDirectorysSlash) {
    EXPECT_EQ(split_last("/srv/share/a.txt").dir, "/srv/share/");
    EXPECT_EQ(split_last("/srv/share/a.txt").name, "a.txt");
    EXPECT_EQ(split_last("/a").dir, "/");
    EXPECT_EQ(split_last("/a").name, "a");
    EXPECT_EQ(split_last("a").dir, "");
    EXPECT_EQ(split_last("a").name, "a");
}

TEST(Paths, JoinPath) {
    EXPECT_EQ(join_path("/", "a"), "/a");
    EXPECT_EQ(join_path("/srv", "a"), "/srv/a");
    EXPECT_EQ(join_path("/srv/", "a"), "/srv/a");
}
