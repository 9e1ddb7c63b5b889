import DXDomain
import Hummingbird

/// The standing agency's quarterly report to the People's Committee, as the API answers it.
struct CommitteeReportView: ResponseEncodable, Codable, Sendable {
    let unit: String
    let period: String
    let status: CommitteeReport.Status
    let statusVi: String
    let deadline: LocalDate
    let timeliness: Timeliness
    let draftedOn: LocalDate?
    let signedOn: LocalDate?
    let sentOn: LocalDate?
    let lastBy: String?

    init(_ r: CommitteeReport, today: LocalDate) {
        unit = r.unitCode
        period = r.period.id
        status = r.status
        statusVi = r.status.nameVi
        deadline = r.deadline
        timeliness = r.timeliness(today: today)
        draftedOn = r.draftedOn
        signedOn = r.signedOn
        sentOn = r.sentOn
        lastBy = r.lastBy
    }
}
