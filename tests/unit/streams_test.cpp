#include "scannedonly/streams.hpp"

#include <gtest/gtest.h>

using namespace scannedonly;
using namespace std::string_literals;

TEST(Streams, UserAttributesAreStreams) {
    const std::string list = "user.DosStream.payload:$DATA\0security.selinux\0"
                             "user.org.netatalk.Metadata\0system.posix_acl_access\0"s;
    EXPECT_EQ(stream_attribute_names(list),
              (std::vector<std::string>{"user.DosStream.payload:$DATA",
                                        "user.org.netatalk.Metadata"}));
}

TEST(Streams, EmptyOrUnterminatedLists) {
    EXPECT_TRUE(stream_attribute_names("").empty());
    EXPECT_EQ(stream_attribute_names("user.x"), std::vector<std::string>{"user.x"});
    EXPECT_TRUE(stream_attribute_names("trusted.x\0\0"s).empty());
}
