#include "scannedonly/vfs_policy.hpp"

#include <fcntl.h>

#include <cerrno>
#include <gtest/gtest.h>

using namespace scannedonly;
using namespace std::chrono_literals;

TEST(VfsPolicy, DirectoriesAlwaysShownSpecialFilesByOption) {
    VfsOptions o;
    EXPECT_EQ(decide_listing(EntryType::Directory, Access::NeedsScan, o).action,
              ListingAction::Show);
    EXPECT_EQ(decide_listing(EntryType::Special, Access::NeedsScan, o).action,
              ListingAction::Show);
    o.show_special_files = false;
    EXPECT_EQ(decide_listing(EntryType::Special, Access::NeedsScan, o).action,
              ListingAction::Hide);
    EXPECT_FALSE(decide_listing(EntryType::Special, Access::NeedsScan, o).notify);
}

TEST(VfsPolicy, UnscannedFilesArePlaceholdersHiddenOrShown) {
    VfsOptions o;
    auto d = decide_listing(EntryType::Regular, Access::NeedsScan, o);
    EXPECT_EQ(d.action, ListingAction::Placeholder);
    EXPECT_TRUE(d.notify);
    o.scanning_message.clear();
    EXPECT_EQ(decide_listing(EntryType::Regular, Access::NeedsScan, o).action,
              ListingAction::Hide);
    o.hide_nonscanned_files = false;
    EXPECT_EQ(decide_listing(EntryType::Regular, Access::NeedsScan, o).action,
              ListingAction::Show);
    EXPECT_TRUE(decide_listing(EntryType::Regular, Access::NeedsScan, o).notify);
    auto scanned = decide_listing(EntryType::Regular, Access::Allowed, o);
    EXPECT_EQ(scanned.action, ListingAction::Show);
    EXPECT_FALSE(scanned.notify);
}

TEST(VfsPolicy, OutdatedFilesAreListedAndRescannedBeforeBulkWork) {
    VfsOptions o;
    for (auto outdated : {OutdatedMarkers::Rescan, OutdatedMarkers::Wait}) {
        o.outdated_markers = outdated;
        const auto d = decide_listing(EntryType::Regular, Access::Outdated, o);
        EXPECT_EQ(d.action, ListingAction::Show);
        EXPECT_TRUE(d.notify);
        EXPECT_EQ(d.priority, Priority::Rescan);
    }
    o.outdated_markers = OutdatedMarkers::Ignore;
    EXPECT_FALSE(decide_listing(EntryType::Regular, Access::Outdated, o).notify);
    EXPECT_EQ(decide_listing(EntryType::Regular, Access::NeedsScan, o).priority,
              Priority::Normal);
}

TEST(VfsPolicy, OnlyWaitWithholdsAnOutdatedFile) {
    EXPECT_TRUE(serves(Access::Outdated, OutdatedMarkers::Rescan));
    EXPECT_TRUE(serves(Access::Outdated, OutdatedMarkers::Ignore));
    EXPECT_FALSE(serves(Access::Outdated, OutdatedMarkers::Wait));
    for (auto outdated : {OutdatedMarkers::Rescan, OutdatedMarkers::Wait, OutdatedMarkers::Ignore}) {
        EXPECT_TRUE(serves(Access::Allowed, outdated));
        EXPECT_FALSE(serves(Access::NeedsScan, outdated));
    }
}

TEST(VfsPolicy, AllowNonscannedShowsButStillAsksForAScan) {
    VfsOptions o;
    o.allow_nonscanned_files = true;
    auto d = decide_listing(EntryType::Regular, Access::NeedsScan, o);
    EXPECT_EQ(d.action, ListingAction::Show);
    EXPECT_TRUE(d.notify);
}

TEST(VfsPolicy, PlaceholderNamesRoundTrip) {
    const std::string msg = "is being scanned for viruses";
    EXPECT_EQ(placeholder_name("a.txt", msg), "a.txt is being scanned for viruses");
    EXPECT_EQ(placeholder_target("a.txt is being scanned for viruses", msg), "a.txt");
    EXPECT_FALSE(placeholder_target(" is being scanned for viruses", msg));
    EXPECT_FALSE(placeholder_target("a.txtis being scanned for viruses", msg));
    EXPECT_FALSE(placeholder_target("a.txt", msg));
    EXPECT_FALSE(placeholder_target("a.txt x", ""));
}

TEST(VfsPolicy, OnlyOpensThatCanReadOldContentNeedAScan) {
    EXPECT_TRUE(open_reads_content(O_RDONLY));
    EXPECT_TRUE(open_reads_content(O_RDWR));
    EXPECT_TRUE(open_reads_content(O_RDWR | O_CREAT));
    EXPECT_FALSE(open_reads_content(O_WRONLY));
    EXPECT_FALSE(open_reads_content(O_RDWR | O_TRUNC));
}

namespace {
// A placeholder check that must not be asked.
bool not_asked() {
    ADD_FAILURE() << "the placeholder check was asked for nothing";
    return false;
}
const IsPlaceholder kPlaceholder = [] { return true; };
const IsPlaceholder kRealName = [] { return false; };
}  // namespace

TEST(VfsPolicy, ReservedNamesLookAbsentUnlessCreated) {
    EXPECT_EQ(reserved_open_error(O_RDONLY), ENOENT);
    EXPECT_EQ(reserved_open_error(O_RDWR | O_TRUNC), ENOENT);
    EXPECT_EQ(reserved_open_error(O_WRONLY | O_CREAT), EACCES);
}

TEST(VfsPolicy, AFailedOpenOfAPlaceholderOpensItsSourceOnlyForAPathref) {
    EXPECT_EQ(decide_failed_open(ENOENT, true, kPlaceholder), OpenAction::OpenPlaceholderSource);
    EXPECT_EQ(decide_failed_open(ENOENT, false, kPlaceholder), OpenAction::Deny);
    EXPECT_EQ(decide_failed_open(ENOENT, true, kRealName), OpenAction::Fail);
    EXPECT_EQ(decide_failed_open(EACCES, true, not_asked), OpenAction::Fail);
}

TEST(VfsPolicy, OpenedFilesAreJudgedOnlyWhenTheirContentCanBeRead) {
    EXPECT_EQ(decide_opened(O_RDONLY, true, not_asked), OpenAction::Keep);
    EXPECT_EQ(decide_opened(O_WRONLY, false, not_asked), OpenAction::Keep);
    EXPECT_EQ(decide_opened(O_RDWR | O_TRUNC, false, not_asked), OpenAction::Keep);
    EXPECT_EQ(decide_opened(O_RDONLY, false, kRealName), OpenAction::Judge);
    EXPECT_EQ(decide_opened(O_RDWR, false, kRealName), OpenAction::Judge);
    EXPECT_EQ(decide_opened(O_RDONLY, false, kPlaceholder), OpenAction::Deny);
}

TEST(VfsPolicy, AJudgedOpenIsKeptWithAVerdictOrWhenItMayBeAnOverwrite) {
    VfsOptions o;
    EXPECT_EQ(judge_open(true, O_RDONLY, o), OpenAction::Keep);
    EXPECT_EQ(judge_open(false, O_RDONLY, o), OpenAction::Deny);
    EXPECT_EQ(judge_open(false, O_RDWR, o), OpenAction::Keep);
    o.allow_nonscanned_files = true;
    EXPECT_EQ(judge_open(false, O_RDONLY, o), OpenAction::Keep);
}

TEST(VfsPolicy, WaitOnOpenOnlyBelowTheSizeLimit) {
    VfsOptions o;
    EXPECT_TRUE(worth_waiting_on_open(100 * 1024 - 1, o));
    EXPECT_FALSE(worth_waiting_on_open(100 * 1024, o));
}

TEST(VfsPolicy, RmdirRemovesOnlyHiddenLeftovers) {
    using T = EntryType;
    VfsOptions o;
    EXPECT_TRUE(only_hidden_entries({{".", T::Directory}, {"..", T::Directory},
                                     {".scanned:a", T::Regular}, {".virus:b", T::Regular},
                                     {".failed:c", T::Regular}},
                                    o));
    EXPECT_TRUE(only_hidden_entries({}, o));
    EXPECT_FALSE(only_hidden_entries({{".scanned:a", T::Regular}, {"a", T::Regular}}, o));
    // Special files go too when they are hidden, as in the original; shown
    // ones the user can see and remove.
    EXPECT_FALSE(only_hidden_entries({{"fifo", T::Special}}, o));
    o.show_special_files = false;
    EXPECT_TRUE(only_hidden_entries({{"fifo", T::Special}, {".scanned:a", T::Regular}}, o));
    // Never the users' files, scanned or not, nor directories.
    EXPECT_FALSE(only_hidden_entries({{"fifo", T::Special}, {"unscanned", T::Regular}}, o));
    EXPECT_FALSE(only_hidden_entries({{"sub", T::Directory}}, o));
}

TEST(VfsPolicy, PathsOfMarkersAndForTheDaemon) {
    Prefixes p;
    EXPECT_EQ(marker_path_for("a.txt", p), ".scanned:a.txt");
    EXPECT_EQ(marker_path_for("sub/dir/a.txt", p), "sub/dir/.scanned:a.txt");
    EXPECT_EQ(share_absolute_path("/srv/share", "."), "/srv/share");
    EXPECT_EQ(share_absolute_path("/srv/share/", "./sub//a.txt"), "/srv/share/sub/a.txt");
    EXPECT_EQ(share_absolute_path("/", "a"), "/a");
}

TEST(VfsPolicy, WaitIsBoundedAndStopsEarly) {
    int calls = 0;
    EXPECT_FALSE(wait_until_ready([&] { return ++calls > 100; }, 3, 1ms));
    EXPECT_EQ(calls, 4);
    calls = 0;
    EXPECT_TRUE(wait_until_ready([&] { return ++calls == 2; }, 10, 1ms));
    EXPECT_EQ(calls, 2);
}

namespace {
FileVersion version(off_t size) {
    FileVersion v;
    v.dev = 8;
    v.ino = 1234;
    v.size = size;
    v.mtime = {1000, 1};
    v.ctime = {1000, 2};
    return v;
}
}  // namespace

TEST(VfsPolicy, ReadOfTheValidatedVersionIsServed) {
    EXPECT_EQ(decide_read({version(100), version(100), 100, true}), ReadAction::Serve);
    EXPECT_EQ(decide_read({version(100), version(100), 40, true}), ReadAction::Serve);
}

TEST(VfsPolicy, ReadWithoutAVerdictIsRechecked) {
    EXPECT_EQ(decide_read({std::nullopt, version(100), 10, true}), ReadAction::Recheck);
}

TEST(VfsPolicy, EveryChangedFieldMeansARecheck) {
    const FileVersion validated = version(100);
    FileVersion now = validated;
    now.size = 101;
    EXPECT_EQ(decide_read({validated, now, 10, true}), ReadAction::Recheck);
    now = validated;
    now.ctime.tv_nsec += 1;
    EXPECT_EQ(decide_read({validated, now, 10, true}), ReadAction::Recheck);
    now = validated;
    now.mtime.tv_sec += 1;
    EXPECT_EQ(decide_read({validated, now, 10, true}), ReadAction::Recheck);
    now = validated;
    now.ino += 1;
    EXPECT_EQ(decide_read({validated, now, 10, true}), ReadAction::Recheck);
    now = validated;
    now.dev += 1;
    EXPECT_EQ(decide_read({validated, now, 10, true}), ReadAction::Recheck);
}

TEST(VfsPolicy, BytesPastTheValidatedSizeCameFromALaterWrite) {
    // An empty upload, written and truncated again within one ctime tick.
    EXPECT_EQ(decide_read({version(0), version(0), 68, true}), ReadAction::Recheck);
    EXPECT_EQ(decide_read({version(0), version(0), 0, true}), ReadAction::Serve);
    // A named stream's version is its base file's: the stream's size is not in it.
    EXPECT_EQ(decide_read({version(0), version(0), 68, false}), ReadAction::Serve);
}
