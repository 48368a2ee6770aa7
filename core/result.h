#pragma once

#include <QString>
#include <optional>
#include <utility>
#include <variant>

namespace SignalHub::Core {

// An error a person can act on: the message is user-facing (already translated).
struct Error
{
    QString message;
};

// A value or an Error. C++20 has no std::expected, and this is all we need of it.
template<typename T> class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_data(std::move(value))
    { }
    Result(Error error)
        : m_data(std::move(error))
    { }

    bool hasValue() const { return std::holds_alternative<T>(m_data); }
    explicit operator bool() const { return hasValue(); }

    T &value() & { return std::get<T>(m_data); }
    const T &value() const & { return std::get<T>(m_data); }
    T &&value() && { return std::get<T>(std::move(m_data)); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

    const Error &error() const { return std::get<Error>(m_data); }
    QString errorMessage() const { return hasValue() ? QString() : error().message; }

private:
    std::variant<T, Error> m_data;
};

// For operations that return nothing but may fail.
class [[nodiscard]] Status
{
public:
    Status() = default;
    Status(Error error)
        : m_error(std::move(error))
    { }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }
    QString errorMessage() const { return ok() ? QString() : m_error->message; }

private:
    std::optional<Error> m_error;
};

} // namespace SignalHub::Core
