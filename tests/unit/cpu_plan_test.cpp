#include "scannedonly/cpu_plan.hpp"

#include <gtest/gtest.h>

#include <set>

using scannedonly::CpuPlan;
using Cpus = std::set<int>;

TEST(CpuPlan, LargeScanKeepsItsCpuAndTheSmallSideTheRest) {
    CpuPlan plan({0, 1, 2, 3});
    EXPECT_EQ(plan.small_side(), (Cpus{0, 1, 2, 3}));
    EXPECT_EQ(plan.reserve(2), 2);
    EXPECT_EQ(plan.small_side(), (Cpus{0, 1, 3}));
    plan.release(2);
    EXPECT_EQ(plan.small_side(), (Cpus{0, 1, 2, 3}));
}

TEST(CpuPlan, SecondLargeScanOnAReservedCpuGetsAnotherOne) {
    CpuPlan plan({0, 1, 2, 3});
    EXPECT_EQ(plan.reserve(1), 1);
    EXPECT_EQ(plan.reserve(1), 3);
    EXPECT_EQ(plan.small_side(), (Cpus{0, 2}));
}

TEST(CpuPlan, NeverTakesTheSmallSidesLastCpu) {
    CpuPlan plan({4, 5});
    EXPECT_EQ(plan.reserve(4), 4);
    EXPECT_EQ(plan.reserve(5), std::nullopt);
    EXPECT_EQ(plan.small_side(), (Cpus{5}));
    CpuPlan single({0});
    EXPECT_EQ(single.reserve(0), std::nullopt);
    EXPECT_EQ(single.small_side(), (Cpus{0}));
}

TEST(CpuPlan, CpuOutsideTheProcesssSetIsNotReserved) {
    CpuPlan plan({0, 1, 2});
    EXPECT_EQ(plan.reserve(7), 2);  // e.g. the affinity changed meanwhile
}
