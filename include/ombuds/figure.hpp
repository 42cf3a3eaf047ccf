// SPDX-License-Identifier: MPL-2.0
// One figure of a report as its reader gets it: shown with its value, hidden by disclosure
// control (the object then holds no value at all), or none (nothing to show: the median of no
// cases, the percent change of a theme that is new).
#pragma once

#include <cstdint>
#include <stdexcept>

namespace ombuds {

template <class T>
class Figure {
  public:
    /// None: there is no such figure (the median of no cases).
    constexpr Figure() noexcept = default;
    static constexpr Figure of(T value) noexcept { return Figure(value, State::shown); }
    static constexpr Figure hidden() noexcept { return Figure(T{}, State::hidden); }

    constexpr bool shown() const noexcept { return state_ == State::shown; }
    constexpr bool is_hidden() const noexcept { return state_ == State::hidden; }
    constexpr bool none() const noexcept { return state_ == State::none; }

    /// The value of a shown figure; a hidden one has none to give.
    constexpr const T& value() const {
        if (state_ != State::shown) throw std::logic_error("ombuds::Figure: no value shown");
        return value_;
    }
    constexpr T value_or(T fallback) const noexcept { return shown() ? value_ : fallback; }

    /// Hides the figure and forgets its value.
    constexpr void hide() noexcept {
        value_ = T{};
        state_ = State::hidden;
    }

    friend constexpr bool operator==(const Figure&, const Figure&) = default;

  private:
    enum class State : std::uint8_t { none, shown, hidden };
    constexpr Figure(T value, State state) noexcept : value_(value), state_(state) {}

    T value_{};
    State state_ = State::none;
};

using Count = Figure<std::uint32_t>;
using Tenths = Figure<std::int32_t>;  // a percentage with one decimal, in tenths of a percent
using Whole = Figure<std::int64_t>;   // a rank, a difference, a percent change
using Decimal = Figure<double>;       // days, a mean

}  // namespace ombuds
