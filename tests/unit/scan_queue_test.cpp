#include "scannedonly/scan_queue.hpp"

#include <gtest/gtest.h>

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
    EXPECT_EQ(q.retry_later("/grows", Lane::Large, std::chrono::milliseconds(150)), Push::Queued);
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
    q.retry_later("/a", Lane::Small, std::chrono::hours(1));
    EXPECT_EQ(q.push("/b", Lane::Small), Push::Full);  // the retry holds the only place
    EXPECT_EQ(q.push("/a", Lane::Small), Push::Queued);
    EXPECT_EQ(q.figures().retry_later, 0u);
    EXPECT_EQ(q.pop()->path, "/a");
}

TEST(ScanQueue, RetryOfAPathAlreadyWaitingIsADuplicate) {
    ScanQueue q(10, 1);
    q.push("/a", Lane::Small);
    EXPECT_EQ(q.retry_later("/a", Lane::Small, std::chrono::seconds(1)), Push::Duplicate);
    EXPECT_EQ(q.retry_later("/b", Lane::Small, std::chrono::seconds(1)), Push::Queued);
    EXPECT_EQ(q.retry_later("/b", Lane::Small, std::chrono::seconds(1)), Push::Duplicate);
    q.close();
    EXPECT_EQ(q.retry_later("/c", Lane::Small, std::chrono::seconds(1)), Push::Closed);
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
    ASSERT_EQ(q.retry_later("/s/soon", Lane::Small, 100ms), ScanQueue::Push::Queued);
    auto job = std::async(std::launch::async, [&] { return q.pop(); });
    std::this_thread::sleep_for(20ms);  // the worker waits for /s/soon now
    for (int i = 0; i < 1000; ++i)
        q.retry_later("/s/later" + std::to_string(i), Lane::Small, 1h);
    ASSERT_EQ(job.wait_for(5s), std::future_status::ready);
    EXPECT_EQ(job.get()->path, "/s/soon");
    q.close();
}
