package io.athanor.orm.model.rel;

import io.athanor.orm.annotations.Column;
import io.athanor.orm.annotations.Entity;
import io.athanor.orm.annotations.Id;
import io.athanor.orm.annotations.ManyToOne;

/** The association entity of a many-to-many: two NOT NULL references. */
@Entity
public class Enrollment {
    @Id
    private Long id;
    @ManyToOne
    @Column(nullable = false)
    private Student student;
    @ManyToOne
    @Column(nullable = false)
    private Course course;

    protected Enrollment() {
    }

    Enrollment(Course course) {
        this.course = course;
    }

    public Student getStudent() {
        return student;
    }

    public Course getCourse() {
        return course;
    }
}
