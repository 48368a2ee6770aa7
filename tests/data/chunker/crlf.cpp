// Geometry helpers: a few small free functions, two large ones and a class with many
// methods. Fixture for tst_chunker; the shapes of the code matter, not what it computes.
#include <cmath>
#include <string>
#include <vector>

namespace geometry {
struct Point;
}

static int clampInt(int value, int low, int high)
{
    return value < low ? low : (value > high ? high : value);
}

static double square(double x)
{
    return x * x;
}

static bool nearlyEqual(double a, double b)
{
    return std::fabs(a - b) < 1e-9;
}

static double lerp(double a, double b, double t)
{
    return a + (b - a) * t;
}

static int sign(double x)
{
    return (x > 0) - (x < 0);
}

// Parses "x,y;x,y;..." into points, skipping malformed pairs and reporting how many
// were skipped, with a careful walk over the input so that nothing is allocated twice.
std::vector<std::pair<double, double>> parsePoints(const std::string &text, int *skipped)
{
    std::vector<std::pair<double, double>> points;
    std::size_t start = 0;
    int bad = 0;
    while (start < text.size()) {
        std::size_t end = text.find(';', start);
        if (end == std::string::npos)
            end = text.size();
        const std::string pair = text.substr(start, end - start);
        const std::size_t comma = pair.find(',');
        if (comma == std::string::npos) {
            ++bad;
            start = end + 1;
            continue;
        }
        try {
            const double x = std::stod(pair.substr(0, comma));
            const double y = std::stod(pair.substr(comma + 1));
            points.emplace_back(x, y);
        } catch (...) {
            ++bad;
        }

        if (points.size() > 100000) {
            // Refuse absurd inputs rather than exhausting memory on them.
            points.clear();
            bad = -1;
            break;
        }
        start = end + 1;
    }
    if (skipped)
        *skipped = bad;
    return points;
}

// The convex hull of a set of points, by Andrew's monotone chain: sort, then build the
// lower and the upper hull, dropping points that make a clockwise turn.
std::vector<std::pair<double, double>> convexHull(std::vector<std::pair<double, double>> pts)
{
    const auto cross = [](const std::pair<double, double> &o, const std::pair<double, double> &a,
                          const std::pair<double, double> &b) {
        return (a.first - o.first) * (b.second - o.second) - (a.second - o.second) * (b.first - o.first);
    };
    std::sort(pts.begin(), pts.end());
    pts.erase(std::unique(pts.begin(), pts.end()), pts.end());
    if (pts.size() < 3)
        return pts;
    std::vector<std::pair<double, double>> hull(2 * pts.size());
    std::size_t k = 0;
    for (std::size_t i = 0; i < pts.size(); ++i) {
        while (k >= 2 && cross(hull[k - 2], hull[k - 1], pts[i]) <= 0)
            --k;
        hull[k++] = pts[i];
    }

    for (std::size_t i = pts.size() - 1, t = k + 1; i > 0; --i) {
        while (k >= t && cross(hull[k - 2], hull[k - 1], pts[i - 1]) <= 0)
            --k;
        hull[k++] = pts[i - 1];
    }
    hull.resize(k - 1);
    return hull;
}

class Polygon
{
public:
    explicit Polygon(std::vector<std::pair<double, double>> points)
        : m_points(std::move(points))
    {
    }

    // Shoelace formula; positive for counter-clockwise polygons.
    double signedArea() const
    {
        double sum = 0;
        for (std::size_t i = 0; i < m_points.size(); ++i) {
            const auto &a = m_points[i];
            const auto &b = m_points[(i + 1) % m_points.size()];
            sum += a.first * b.second - b.first * a.second;
        }
        return sum / 2;
    }

    double area() const
    {
        return std::fabs(signedArea());
    }

    double perimeter() const
    {
        double sum = 0;
        for (std::size_t i = 0; i < m_points.size(); ++i) {
            const auto &a = m_points[i];
            const auto &b = m_points[(i + 1) % m_points.size()];
            sum += std::hypot(b.first - a.first, b.second - a.second);
        }
        return sum;
    }

    // Ray casting: count crossings of a horizontal ray from the point to the right.
    bool contains(double x, double y) const
    {
        bool inside = false;
        for (std::size_t i = 0, j = m_points.size() - 1; i < m_points.size(); j = i++) {
            const auto &a = m_points[i];
            const auto &b = m_points[j];
            if ((a.second > y) != (b.second > y)
                && x < (b.first - a.first) * (y - a.second) / (b.second - a.second) + a.first)
                inside = !inside;
        }
        return inside;
    }

    std::pair<double, double> centroid() const
    {
        double cx = 0, cy = 0;
        const double a = signedArea();
        for (std::size_t i = 0; i < m_points.size(); ++i) {
            const auto &p = m_points[i];
            const auto &q = m_points[(i + 1) % m_points.size()];
            const double f = p.first * q.second - q.first * p.second;
            cx += (p.first + q.first) * f;
            cy += (p.second + q.second) * f;
        }
        return {cx / (6 * a), cy / (6 * a)};
    }

    void translate(double dx, double dy)
    {
        for (auto &p : m_points) {
            p.first += dx;
            p.second += dy;
        }
    }

    void scale(double factor)
    {
        for (auto &p : m_points) {
            p.first *= factor;
            p.second *= factor;
        }
    }

private:
    std::vector<std::pair<double, double>> m_points;
};

// End of shapes.cpp.
