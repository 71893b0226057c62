#include "signature_identity.hpp"

#include "temp_dir.hpp"
#include "scannedonly/signature_stamp.hpp"

#include <fstream>
#include <gtest/gtest.h>

using namespace scannedonlyd;

namespace {
void write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }
}  // namespace

TEST(SignatureIdentity, TheSameSignaturesGiveTheSameStampWhereverTheyLie) {
    TempDir a, b;
    write(a / "local.ndb", "Test.A:0:*:0102030405060708\n");
    write(b / "local.ndb", "Test.A:0:*:0102030405060708\n");
    const SignatureIdentity first = identify_signatures(a.path());
    EXPECT_TRUE(scannedonly::valid_stamp(first.stamp));
    EXPECT_EQ(identify_signatures(b.path()).stamp, first.stamp);
    EXPECT_EQ(identify_signatures(a.path()).stamp, first.stamp);
    EXPECT_NE(first.description.find("local.ndb sha256:"), std::string::npos);
}

TEST(SignatureIdentity, ChangedOrAddedSignaturesChangeIt) {
    TempDir dir;
    write(dir / "local.ndb", "Test.A:0:*:0102030405060708\n");
    const auto before = identify_signatures(dir.path()).stamp;
    write(dir / "local.ndb", "Test.A:0:*:0102030405060709\n");
    const auto changed = identify_signatures(dir.path()).stamp;
    EXPECT_NE(changed, before);
    write(dir / "more.hdb", "44d88612fea8a8f36de82e1278abb02f:68:Eicar-Test-Signature\n");
    EXPECT_NE(identify_signatures(dir.path()).stamp, changed);
}

TEST(SignatureIdentity, FilesLibclamavDoesNotLoadDoNotCount) {
    TempDir dir;
    write(dir / "local.ndb", "Test.A:0:*:0102030405060708\n");
    const auto before = identify_signatures(dir.path()).stamp;
    write(dir / "freshclam.dat", "changes at every freshclam run");
    write(dir / "notes.txt", "an administrator's notes");
    EXPECT_EQ(identify_signatures(dir.path()).stamp, before);
}
