#include "disposal.hpp"

#include "temp_dir.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

using namespace scannedonlyd;
namespace fs = std::filesystem;

namespace {
void write_file(const std::string& path, const std::string& text) {
    std::ofstream(path) << text;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

Fd open_read(const std::string& path) { return Fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC)); }

// An infected x.com with this content, disposed of as the scanner does.
Disposal dispose_new(const Disposer& disposer, const TempDir& dir, const std::string& content) {
    write_file(dir / "x.com", content);
    const Fd file = open_read(dir / "x.com");
    return disposer.dispose(dir.fd(), file.get(), dir.path() + "/", "x.com");
}
}  // namespace

TEST(Disposal, RenamesInPlaceWithoutOverwritingAnEarlierOne) {
    TempDir dir;
    const Disposer disposer("", scannedonly::Prefixes{});
    for (const char* content : {"first", "second"}) {
        const Disposal d = dispose_new(disposer, dir, content);
        EXPECT_TRUE(d.moved) << d.error;
        EXPECT_EQ(d.action, "renamed");
        EXPECT_FALSE(fs::exists(dir / "x.com"));
    }
    EXPECT_EQ(read_file(dir / ".virus:x.com"), "first");
    EXPECT_EQ(read_file(dir / ".virus:x.com.1"), "second");
}

TEST(Disposal, ReportsWhereTheRenamedFileWent) {
    TempDir dir;
    const Disposal d = dispose_new(Disposer("", scannedonly::Prefixes{}), dir, "x");
    EXPECT_EQ(d.destination, dir / ".virus:x.com");
}

TEST(Disposal, QuarantineIsCreatedPrivateAndKeepsEveryFile) {
    TempDir dir;
    const std::string quarantine = dir / "quarantine";
    const Disposer disposer(quarantine, scannedonly::Prefixes{});
    struct stat st {};
    ASSERT_EQ(::stat(quarantine.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0700u);
    for (const char* content : {"first", "second"}) {
        const Disposal d = dispose_new(disposer, dir, content);
        EXPECT_TRUE(d.moved) << d.error;
        EXPECT_EQ(d.action, "quarantined");
    }
    EXPECT_FALSE(fs::exists(dir / "x.com"));
    EXPECT_EQ(read_file(quarantine + "/x.com"), "first");
    EXPECT_EQ(read_file(quarantine + "/x.com.1"), "second");
}

namespace {
// A quarantine on another filesystem than the temporary directory, if any.
std::string other_filesystem(const std::string& path) {
    struct statfs here {}, shm {};
    if (::statfs(path.c_str(), &here) != 0 || ::statfs("/dev/shm", &shm) != 0 ||
        here.f_type == shm.f_type)
        return "";
    char pattern[] = "/dev/shm/scannedonly-quarantine-XXXXXX";
    return ::mkdtemp(pattern) ? pattern : "";
}
}  // namespace

TEST(Disposal, AcrossFilesystemsCopiesThenRemovesOnlyTheFileItScanned) {
    TempDir dir;
    const std::string elsewhere = other_filesystem(dir.path());
    if (elsewhere.empty()) GTEST_SKIP() << "no second filesystem at /dev/shm";
    const Disposer disposer(elsewhere + "/q", scannedonly::Prefixes{});
    write_file(dir / "x.com", "infected");
    const Fd scanned = open_read(dir / "x.com");
    Disposal d = disposer.dispose(dir.fd(), scanned.get(), dir.path() + "/", "x.com");
    EXPECT_TRUE(d.moved) << d.error;
    EXPECT_EQ(d.action, "quarantined");
    EXPECT_FALSE(fs::exists(dir / "x.com"));
    EXPECT_EQ(read_file(elsewhere + "/q/x.com"), "infected");

    // Another file now at the name: it is copied but stays.
    write_file(dir / "x.com", "innocent");
    d = disposer.dispose(dir.fd(), scanned.get(), dir.path() + "/", "x.com");
    EXPECT_FALSE(d.moved);
    EXPECT_EQ(d.action, "copied");
    EXPECT_EQ(read_file(dir / "x.com"), "innocent");
    fs::remove_all(elsewhere);
}
