namespace CommitteeGrid.Abstractions.Duty;

/// <summary>What a duty record (履职登记) records.</summary>
public enum DutyKind
{
    /// <summary>Attendance at the plenary session (全体会议), counted per half-day.</summary>
    Plenary = 1,

    /// <summary>Attendance at a standing-committee meeting (常委会议).</summary>
    Standing = 2,

    /// <summary>Attendance at an activity (活动), e.g. of the member's group or a special committee.</summary>
    Activity = 3,

    /// <summary>调研视察: an inspection or survey.</summary>
    Inspection = 4,

    /// <summary>联系群众: a household contact.</summary>
    Household = 5,

    /// <summary>为民办实事: a practical deed for the people.</summary>
    Deed = 6,

    /// <summary>述职: a report-back to the member's group.</summary>
    ReportBack = 7,
}
