import DXDomain
import DXStorage
import Hummingbird
import Plot
import Synchronization

/// A page being put together: its sections, and the tables it offers for download.
/// The same value answers `?table=ID&format=csv|xlsx` with that table's file.
/// What a page needs of the request it answers, and nothing more: the reader's language and
/// the page's own address (for its table downloads and the language switch). Views are built
/// from this, not from HTTP, so that one can be built, and tested, without a request.
struct PagePlace: Sendable {
    let lang: Lang
    let url: PageURL

    init(lang: Lang, url: PageURL) {
        self.lang = lang
        self.url = url
    }

    init(_ request: Request) { self.init(lang: Lang(request), url: PageURL(request)) }
}

struct Page {
    let title: String
    let lang: Lang
    let url: PageURL
    private(set) var content: [Node<HTML.BodyContext>] = []
    private(set) var tables: [DataTable] = []
    private var charts = 0

    /// `heading` is the page's `<h1>` when it says more than the window title.
    init(title: String, heading: String? = nil, _ place: PagePlace) {
        self.title = title
        self.lang = place.lang
        self.url = place.url
        content = [.h1(.text(heading ?? title))]
    }

    mutating func add(_ node: Node<HTML.BodyContext>) { content.append(node) }

    mutating func add(_ table: DataTable) {
        tables.append(table)
        content.append(table.node(lang, page: url))
    }

    /// A table folded under `summary` (opened on a click), downloadable as any other.
    mutating func add(_ table: DataTable, folded summary: String) {
        tables.append(table)
        content.append(.disclosure(summary, table.node(lang, page: url)))
    }

    /// Only the download links of a table the page already shows in another form (a form's inputs).
    mutating func add(downloadOnly table: DataTable) {
        tables.append(table)
        content.append(table.downloads(lang, page: url))
    }

    /// A chart and, under it, its figures as a table (also what the download gives).
    mutating func add(chart svg: (String) -> String, caption: String, table: DataTable) {
        charts += 1
        tables.append(table)
        content.append(.figure(.figcaption(.text(caption)), .raw(svg("chart-\(charts)")),
                               .disclosure(lang("Bảng số liệu của biểu đồ", "The chart's data"), table.node(lang, page: url))))
    }

    func response(_ request: Request, context: AppRequestContext, status: HTTPResponse.Status = .ok) throws -> Response {
        if let id = request.uri.queryParameters["table"], let format = TableDownload.format(request) {
            guard let table = tables.first(where: { $0.id == id }) else {
                throw Problem(.notFound, vi: "Không có bảng \(id) trên trang này", en: "No table \(id) on this page")
            }
            return try table.download(format)
        }
        return HTMLPage(Layout.page(title: title, viewer: context.viewer, lang: lang, path: url.full, content: content), status: status).response()
    }
}

/// A page's own content, encoded once, without the reader's header: what the cache keeps.
struct RenderedPage: Sendable {
    let title: String
    let lang: Lang
    let path: String
    let body: ByteBuffer
    /// The layout around the content, per reader (their name and form token are in it).
    private let layouts = Layouts()

    init(title: String, lang: Lang, path: String, body: ByteBuffer) {
        (self.title, self.lang, self.path, self.body) = (title, lang, path, body)
    }

    /// The kept content goes out as it is, between the two halves of the reader's layout,
    /// never copied or rendered again; each reader's layout is rendered once.
    func response(_ context: AppRequestContext) -> Response {
        let (before, after) = layouts.halves(for: context.viewer) { viewer in
            let marker = "<!--dxtrack-content-->"
            let layout = Layout.page(title: title, viewer: viewer, lang: lang, path: path, content: [.raw(marker)])
            let cut = layout.range(of: marker)!
            return (ByteBuffer(string: String(layout[..<cut.lowerBound])), ByteBuffer(string: String(layout[cut.upperBound...])))
        }
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(contentsOf: [before, body, after]))
    }

    private final class Layouts: Sendable {
        private let kept = Mutex<[Layout.Viewer?: (ByteBuffer, ByteBuffer)]>([:])

        func halves(for viewer: Layout.Viewer?, _ render: (Layout.Viewer?) -> (ByteBuffer, ByteBuffer)) -> (ByteBuffer, ByteBuffer) {
            if let halves = kept.withLock({ $0[viewer] }) { return halves }
            let halves = render(viewer)
            // Bounded: a page kept for one version of the data meets a few hundred readers at most.
            kept.withLock { if $0.count < 1_000 { $0[viewer] = halves } }
            return halves
        }
    }
}

extension Page {
    var rendered: RenderedPage { RenderedPage(title: title, lang: lang, path: url.full, body: ByteBuffer(string: content.map { $0.render() }.joined())) }

    /// Serves a page that depends only on the data, its URL, the language and the reader's
    /// scope: built once per version of the data and then sent as text (see `Database.derived`),
    /// so a dashboard that thirty readers open costs one build, until the data or the day changes.
    /// Downloads of its tables are built each time.
    static func serve(_ request: Request, _ context: AppRequestContext, db: Database, scope: String?, today: LocalDate,
                      build: @escaping @Sendable () async throws -> Page) async throws -> Response {
        if request.uri.queryParameters["table"] != nil { return try await build().response(request, context: context) }
        let key = "page|\(request.uri.description)|\(Lang(request).rawValue)|\(scope ?? "*")|\(today.iso)"
        return try await db.derived(key) { try await build().rendered }.response(context)
    }
}

extension Node where Context == HTML.SelectContext {
    /// `<option value="…" selected>label</option>` (Plot's option has no text content).
    static func choice(_ value: String, _ label: String, selected: Bool) -> Node {
        .element(named: "option", nodes: [.attribute(named: "value", value: value.attributeEscaped, ignoreIfValueIsEmpty: false),
                                          selected ? .attribute(named: "selected", value: "selected") : .empty, .text(label)])
    }
}

extension Node where Context == HTML.BodyContext {
    /// A wide table in a box of its own that scrolls sideways on a phone, so the page never
    /// does; the box is a labelled region that takes focus, so a keyboard can scroll it too.
    static func scrolling(_ label: String, _ table: Node) -> Node {
        .div(.class("scroll"), .attribute(named: "role", value: "region"), .attribute(named: "aria-label", value: label.attributeEscaped),
             .attribute(named: "tabindex", value: "0"), table)
    }

    static func figure(_ nodes: Node<HTML.BodyContext>...) -> Node { .element(named: "figure", nodes: nodes) }
    static func figcaption(_ nodes: Node<HTML.BodyContext>...) -> Node { .element(named: "figcaption", nodes: nodes) }
    /// `<details>` holding any body content (Plot's allows only a few elements).
    static func disclosure(_ summary: String, open: Bool = false, _ nodes: Node<HTML.BodyContext>...) -> Node {
        .element(named: "details", nodes: [open ? .attribute(named: "open", value: "open") : .empty,
                                           .element(named: "summary", nodes: [.text(summary)])] + nodes)
    }
}

extension Period {
    /// This period and the `count` before it, latest first: the choices of a period filter.
    func andEarlier(_ count: Int) -> [Period] {
        (0..<count).reduce(into: [self]) { list, _ in list.append(list.last!.previous) }
    }
}
