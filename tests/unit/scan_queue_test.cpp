#include "scannedonly/scan_queue.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <future>
#include <thread>
#include <vector>

using namespace scannedonly;
using Push = ScanQueue::Push;

TEST(ScanQueue, RefusesWhenFullAndMergesDuplicates) {
    ScanQueue q(2, 1);
    EXPECT_EQ(q.push("/a", Lane::Small), Push::Queued);
    EXPECT_EQ(q.push("/a", Lane::Small), Push::Duplicate);
    EXPECT_EQ(q.push("/a", Lane::Large), Push::Duplicate);
    EXPECT_EQ(q.push("/b", Lane::Large), Push::Queued);
    EXPECT_EQ(q.push("/c", Lane::Small), Push::Full);
    const QueueFigures f = q.figures();
    EXPECT_EQ(f.queued_small, 1u);
    EXPECT_EQ(f.queued_large, 1u);
}

TEST(ScanQueue, PathBeingScannedMayBeQueuedAgain) {
    ScanQueue q(10, 1);
    q.push("/a", Lane::Small);
    auto job = q.pop();
    ASSERT_TRUE(job);
    EXPECT_EQ(q.push("/a", Lane::Small), Push::Queued);
}

TEST(ScanQueue, FifoWithinALane) {
    ScanQueue q(10, 1);
    q.push("/1", Lane::Small);
    q.push("/2", Lane::Small);
    EXPECT_EQ(q.pop()->path, "/1");
    EXPECT_EQ(q.pop()->path, "/2");
}

TEST(ScanQueue, LargeJobsNeverTakeMoreThanTheirSlots) {
    ScanQueue q(10, 1);
    q.push("/big1", Lane::Large);
    q.push("/big2", Lane::Large);
    q.push("/small", Lane::Small);
    auto first = q.pop();
    ASSERT_TRUE(first);
    EXPECT_EQ(first->lane, Lane::Large);
    // The one large slot is busy: the next caller gets the small file even
    // though a large one waited longer.
    auto second = q.pop();
    ASSERT_TRUE(second);
    EXPECT_EQ(second->path, "/small");
    EXPECT_EQ(q.figures().active_large, 1u);
    // Nothing small left and the large slot busy: pop waits until done().
    auto waiting = std::async(std::launch::async, [&] { return q.pop(); });
    EXPECT_EQ(waiting.wait_for(std::chrono::milliseconds(100)), std::future_status::timeout);
    q.done(Lane::Large);
    auto third = waiting.get();
    ASSERT_TRUE(third);
    EXPECT_EQ(third->path, "/big2");
}

TEST(ScanQueue, LargeLaneIsServedWhenASlotIsFree) {
    ScanQueue q(10, 1);
    q.push("/small1", Lane::Small);
    q.push("/big", Lane::Large);
    EXPECT_EQ(q.pop()->path, "/big");
    EXPECT_EQ(q.pop()->path, "/small1");
}

TEST(ScanQueue, SmallOnlyCallersNeverGetALargeJob) {
    ScanQueue q(10, 1);
    q.push("/big", Lane::Large);
    q.push("/small1", Lane::Small);
    auto job = q.pop(/*may_take_large=*/false);
    ASSERT_TRUE(job);
    EXPECT_EQ(job->path, "/small1");
    auto blocked = std::async(std::launch::async, [&] { return q.pop(false); });
    EXPECT_EQ(blocked.wait_for(std::chrono::milliseconds(50)), std::future_status::timeout);
    EXPECT_EQ(q.pop(true)->path, "/big");
    q.close();
    EXPECT_FALSE(blocked.get());
}

TEST(ScanQueue, CloseWakesWaitersAndRefusesPushes) {
    ScanQueue q(10, 1);
    auto waiting = std::async(std::launch::async, [&] { return q.pop(); });
    q.close();
    EXPECT_FALSE(waiting.get());
    EXPECT_EQ(q.push("/a", Lane::Small), Push::Closed);
}

TEST(ScanQueue, ManyThreadsNeverExceedTheLargeSlots) {
    ScanQueue q(1000, 2);
    for (int i = 0; i < 200; ++i) q.push("/f" + std::to_string(i), i % 3 ? Lane::Small : Lane::Large);
    std::atomic<unsigned> large_now{0}, large_max{0}, handled{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < 6; ++t)
        workers.emplace_back([&] {
            while (handled < 200) {
                auto job = q.pop();
                if (!job) return;
                if (job->lane == Lane::Large) {
                    const unsigned now = ++large_now;
                    unsigned seen = large_max;
                    while (now > seen && !large_max.compare_exchange_weak(seen, now)) {}
                    std::this_thread::sleep_for(std::chrono::microseconds(200));
                    --large_now;
                }
                q.done(job->lane);
                if (++handled == 200) q.close();
            }
        });
    for (auto& w : workers) w.join();
    EXPECT_EQ(handled, 200u);
    EXPECT_LE(large_max, 2u);
    EXPECT_GE(large_max, 1u);
}

TEST(RetryDelay, AsLongAsTheScanTookAndAtLeastASecond) {
    using std::chrono::milliseconds;
    EXPECT_EQ(retry_delay(milliseconds(3)), milliseconds(1000));
    EXPECT_EQ(retry_delay(milliseconds(1000)), milliseconds(1000));
    EXPECT_EQ(retry_delay(milliseconds(42000)), milliseconds(42000));
}

TEST(ScanQueue, RetryIsHandedOutOnlyWhenDue) {
    ScanQueue q(10, 1);
    const auto start = ScanQueue::Clock::now();
    EXPECT_EQ(q.retry_later({"/grows", Lane::Large}, std::chrono::milliseconds(150)), Push::Queued);
    EXPECT_EQ(q.figures().retry_later, 1u);
    EXPECT_EQ(q.figures().queued_large, 0u);
    q.push("/small", Lane::Small);
    EXPECT_EQ(q.pop()->path, "/small");  // not held up by the retry
    auto job = q.pop();                  // waits for the due time, with no push to wake it
    ASSERT_TRUE(job);
    EXPECT_GE(ScanQueue::Clock::now() - start, std::chrono::milliseconds(150));
    EXPECT_EQ(job->path, "/grows");
    EXPECT_EQ(job->lane, Lane::Large);
    EXPECT_EQ(q.figures().retry_later, 0u);
}

TEST(ScanQueue, ANewRequestForARetryQueuesItAtOnce) {
    ScanQueue q(1, 1);
    q.retry_later({"/a", Lane::Small}, std::chrono::hours(1));
    EXPECT_EQ(q.push("/b", Lane::Small), Push::Full);  // the retry holds the only place
    EXPECT_EQ(q.push("/a", Lane::Small), Push::Queued);
    EXPECT_EQ(q.figures().retry_later, 0u);
    EXPECT_EQ(q.pop()->path, "/a");
}

TEST(ScanQueue, RetryOfAPathAlreadyWaitingIsADuplicate) {
    ScanQueue q(10, 1);
    q.push("/a", Lane::Small);
    EXPECT_EQ(q.retry_later({"/a", Lane::Small}, std::chrono::seconds(1)), Push::Duplicate);
    EXPECT_EQ(q.retry_later({"/b", Lane::Small}, std::chrono::seconds(1)), Push::Queued);
    EXPECT_EQ(q.retry_later({"/b", Lane::Small}, std::chrono::seconds(1)), Push::Duplicate);
    q.close();
    EXPECT_EQ(q.retry_later({"/c", Lane::Small}, std::chrono::seconds(1)), Push::Closed);
    EXPECT_FALSE(q.pop());
}

TEST(ScanQueue, FiguresTellHowLongTheOldestPathOfEachLaneHasWaited) {
    ScanQueue q(10, 1);
    EXPECT_EQ(q.figures().oldest_small.count(), 0);
    q.push("/old", Lane::Small);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    q.push("/new", Lane::Small);
    q.push("/big", Lane::Large);
    const QueueFigures f = q.figures();
    EXPECT_GE(f.oldest_small, std::chrono::milliseconds(50));
    EXPECT_LT(f.oldest_large, std::chrono::milliseconds(50));
    EXPECT_EQ(q.pop(false)->path, "/old");
    EXPECT_LT(q.figures().oldest_small, std::chrono::milliseconds(50));
}

// A worker waits for the earliest retry while others are added: the wait
// must not read its deadline from storage that the additions reallocate
// (a use-after-free the ASan build reports, and a wait of any length
// without it).
TEST(ScanQueue, AWorkerWaitingForARetryIsUnharmedByMoreRetries) {
    using namespace std::chrono_literals;
    ScanQueue q(10000, 1);
    ASSERT_EQ(q.retry_later({"/s/soon", Lane::Small}, 100ms), ScanQueue::Push::Queued);
    auto job = std::async(std::launch::async, [&] { return q.pop(); });
    std::this_thread::sleep_for(20ms);  // the worker waits for /s/soon now
    for (int i = 0; i < 1000; ++i)
        q.retry_later({"/s/later" + std::to_string(i), Lane::Small}, 1h);
    ASSERT_EQ(job.wait_for(5s), std::future_status::ready);
    EXPECT_EQ(job.get()->path, "/s/soon");
    q.close();
}

namespace {
constexpr auto kBulk = Priority::Bulk;
constexpr auto kNormal = Priority::Normal;
constexpr auto kOpen = Priority::Open;

// Up to n jobs' paths, in order; stops when the queue is empty.
std::vector<std::string> drain(ScanQueue& q, std::size_t n) {
    std::vector<std::string> order;
    for (std::size_t i = 0; i < n; ++i) {
        const QueueFigures f = q.figures();
        if (f.queued_small + f.queued_large == 0) break;
        auto job = q.pop(false);
        if (!job) break;
        order.push_back(job->path);
        q.done(job->lane);
    }
    return order;
}
}  // namespace

TEST(NextPriority, HighestWaitingGoesFirst) {
    PriorityLevels levels;
    levels[size_t(kBulk)].waiting = 3;
    EXPECT_EQ(next_priority(levels), kBulk);
    levels[size_t(kNormal)].waiting = 3;
    EXPECT_EQ(next_priority(levels), kNormal);
    levels[size_t(kOpen)].waiting = 1;
    EXPECT_EQ(next_priority(levels), kOpen);
}

TEST(NextPriority, ALevelPassedOverTooOftenTakesTheNextTurn) {
    PriorityLevels levels;
    levels[size_t(kBulk)].waiting = 100;
    levels[size_t(kOpen)].waiting = 100;
    for (unsigned i = 0; i < kPassOverLimit; ++i) EXPECT_EQ(next_priority(levels), kOpen);
    EXPECT_EQ(levels[size_t(kBulk)].passed_over, kPassOverLimit);
    EXPECT_EQ(next_priority(levels), kBulk);
    EXPECT_EQ(levels[size_t(kBulk)].passed_over, 0u);
    EXPECT_EQ(next_priority(levels), kOpen);
}

TEST(NextPriority, AnEmptyLevelCollectsNoTurns) {
    PriorityLevels levels;
    levels[size_t(kOpen)].waiting = 1;
    for (unsigned i = 0; i < 2 * kPassOverLimit; ++i) next_priority(levels);
    EXPECT_EQ(levels[size_t(kBulk)].passed_over, 0u);
    levels[size_t(kBulk)].waiting = 1;
    EXPECT_EQ(next_priority(levels), kOpen);  // arriving now, it waits its turns
}

TEST(ScanQueue, HigherPriorityFirstWithinALaneFifoWithinAPriority) {
    ScanQueue q(100, 1);
    q.push("/bulk1", Lane::Small, kBulk);
    q.push("/normal1", Lane::Small, kNormal);
    q.push("/bulk2", Lane::Small, kBulk);
    q.push("/open1", Lane::Small, kOpen);
    q.push("/normal2", Lane::Small);  // unmarked: normal
    q.push("/open2", Lane::Small, kOpen);
    EXPECT_EQ(drain(q, 6), (std::vector<std::string>{"/open1", "/open2", "/normal1", "/normal2",
                                                     "/bulk1", "/bulk2"}));
}

TEST(ScanQueue, PopReportsThePriorityAndTheLaneKeepsIt) {
    ScanQueue q(10, 1);
    q.push("/a", Lane::Large, kOpen);
    auto job = q.pop();
    ASSERT_TRUE(job);
    EXPECT_EQ(job->priority, kOpen);
    EXPECT_EQ(job->lane, Lane::Large);
}

TEST(ScanQueue, OpenOvertakesABulkBacklogAtOnce) {
    ScanQueue q(5000, 1);
    for (int i = 0; i < 2000; ++i) q.push("/bulk" + std::to_string(i), Lane::Small, kBulk);
    drain(q, 3);
    q.push("/open", Lane::Small, kOpen);
    EXPECT_EQ(q.pop(false)->path, "/open");
}

TEST(ScanQueue, BulkIsNeverStarvedByAFloodOfHigherRequests) {
    ScanQueue q(1000, 1);
    q.push("/bulk", Lane::Small, kBulk);
    for (int i = 0; i < 100; ++i) q.push("/open" + std::to_string(i), Lane::Small, kOpen);
    const auto order = drain(q, kPassOverLimit + 1);
    EXPECT_EQ(order.back(), "/bulk");
}

TEST(ScanQueue, NormalIsNeverStarvedByOpensEither) {
    ScanQueue q(1000, 1);
    q.push("/normal", Lane::Small, kNormal);
    for (int i = 0; i < 100; ++i) q.push("/open" + std::to_string(i), Lane::Small, kOpen);
    EXPECT_EQ(drain(q, kPassOverLimit + 1).back(), "/normal");
}

TEST(ScanQueue, LanesCountTheirTurnsApart) {
    ScanQueue q(1000, 1);
    q.push("/big-bulk", Lane::Large, kBulk);
    q.push("/big-open", Lane::Large, kOpen);
    for (int i = 0; i < 20; ++i) q.push("/open" + std::to_string(i), Lane::Small, kOpen);
    auto big = q.pop(true);
    EXPECT_EQ(big->path, "/big-open");
    // Small opens passing by do not count as turns the large lane's bulk missed.
    drain(q, 20);
    q.done(Lane::Large);
    EXPECT_EQ(q.pop(true)->path, "/big-bulk");
}

TEST(ScanQueue, ALowerRequestQueuedAgainHigherIsRaisedNotDuplicated) {
    ScanQueue q(3, 1);
    q.push("/a", Lane::Small, kBulk);
    q.push("/b", Lane::Small, kBulk);
    q.push("/c", Lane::Small, kBulk);
    EXPECT_EQ(q.push("/c", Lane::Small, kOpen), Push::Raised);  // needs no room
    EXPECT_EQ(q.push("/b", Lane::Large, kNormal), Push::Raised);
    EXPECT_EQ(q.push("/c", Lane::Small, kNormal), Push::Duplicate);  // never lowered
    EXPECT_EQ(q.push("/a", Lane::Small, kBulk), Push::Duplicate);
    const QueueFigures f = q.figures();
    EXPECT_EQ(f.queued_small, 3u);
    EXPECT_EQ(f.queued_large, 0u);  // a raise keeps the lane
    EXPECT_EQ(f.queued_by_priority[size_t(kOpen)], 1u);
    EXPECT_EQ(f.queued_by_priority[size_t(kNormal)], 1u);
    EXPECT_EQ(f.queued_by_priority[size_t(kBulk)], 1u);
    auto first = q.pop(false);
    EXPECT_EQ(first->path, "/c");
    EXPECT_EQ(first->priority, kOpen);
    EXPECT_EQ(drain(q, 5), (std::vector<std::string>{"/b", "/a"}));  // each once
    EXPECT_EQ(q.figures().queued_small, 0u);
}

TEST(ScanQueue, RaisingAWholeBacklogLeavesNothingBehind) {
    ScanQueue q(5000, 1);
    for (int i = 0; i < 1000; ++i) q.push("/f" + std::to_string(i), Lane::Small, kBulk);
    for (int i = 0; i < 1000; ++i)
        EXPECT_EQ(q.push("/f" + std::to_string(i), Lane::Small, kNormal), Push::Raised);
    q.push("/late-bulk", Lane::Small, kBulk);
    const auto order = drain(q, 2000);
    ASSERT_EQ(order.size(), 1001u);
    EXPECT_EQ(order.front(), "/f0");
    EXPECT_EQ(std::count(order.begin(), order.end(), "/f999"), 1);
    EXPECT_EQ(q.figures().queued_by_priority[size_t(kBulk)], 0u);
}

TEST(ScanQueue, RaisedPathKeepsItsAgeInTheFigures) {
    ScanQueue q(10, 1);
    q.push("/a", Lane::Small, kBulk);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    q.push("/a", Lane::Small, kOpen);
    EXPECT_GE(q.figures().oldest_small, std::chrono::milliseconds(50));
}

TEST(ScanQueue, ARetryKeepsItsPriorityAndANewRequestMayRaiseIt) {
    ScanQueue q(10, 1);
    q.retry_later({"/a", Lane::Small, kOpen}, std::chrono::milliseconds(1));
    q.push("/b", Lane::Small, kNormal);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    auto first = q.pop(false);
    EXPECT_EQ(first->path, "/a");
    EXPECT_EQ(first->priority, kOpen);
    q.retry_later({"/c", Lane::Small, kBulk}, std::chrono::hours(1));
    EXPECT_EQ(q.push("/c", Lane::Small, kOpen), Push::Queued);
    EXPECT_EQ(q.pop(false)->path, "/c");
}

TEST(ScanQueue, ManyRaisesBehindALevelThatNeverEmptiesLoseAndRepeatNothing) {
    ScanQueue q(100, 1);
    for (int i = 0; i < 20; ++i) q.push("/bulk" + std::to_string(i), Lane::Small, kBulk);
    std::vector<std::string> order;
    for (int i = 0; i < 500; ++i) {
        const std::string path = "/r" + std::to_string(i);
        q.push(path, Lane::Small, kBulk);
        EXPECT_EQ(q.push(path, Lane::Small, kOpen), Push::Raised);
        auto more = drain(q, 1);
        order.insert(order.end(), more.begin(), more.end());
    }
    auto rest = drain(q, 1000);
    order.insert(order.end(), rest.begin(), rest.end());
    std::vector<std::string> expected;
    for (int i = 0; i < 20; ++i) expected.push_back("/bulk" + std::to_string(i));
    for (int i = 0; i < 500; ++i) expected.push_back("/r" + std::to_string(i));
    std::sort(order.begin(), order.end());
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(order, expected);
}
