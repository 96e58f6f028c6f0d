-- The classic "employees" sample schema, generated deterministically inside PostgreSQL.
-- Every value is arithmetic on the row number (no random()), so two installs hold the same rows.
-- :total is the number of employees (300024 at full size); i is bigint so the products cannot overflow.

create type gender as enum ('M', 'F');

create table departments (
  dept_no   char(4)     primary key,
  dept_name varchar(40) not null unique
);

create table employees (
  emp_no     integer     primary key,
  birth_date date        not null,
  first_name varchar(14) not null,
  last_name  varchar(16) not null,
  gender     gender      not null,
  hire_date  date        not null
);

create table dept_emp (
  emp_no    integer not null references employees (emp_no) on delete cascade,
  dept_no   char(4) not null references departments (dept_no) on delete cascade,
  from_date date    not null,
  to_date   date    not null,
  primary key (emp_no, dept_no)
);

create table dept_manager (
  emp_no    integer not null references employees (emp_no) on delete cascade,
  dept_no   char(4) not null references departments (dept_no) on delete cascade,
  from_date date    not null,
  to_date   date    not null,
  primary key (emp_no, dept_no)
);

create table titles (
  emp_no    integer     not null references employees (emp_no) on delete cascade,
  title     varchar(50) not null,
  from_date date        not null,
  to_date   date,
  primary key (emp_no, title, from_date)
);

create table salaries (
  emp_no    integer not null references employees (emp_no) on delete cascade,
  salary    integer not null,
  from_date date    not null,
  to_date   date    not null,
  primary key (emp_no, from_date)
);

insert into departments values
  ('d001', 'Marketing'), ('d002', 'Finance'), ('d003', 'Human Resources'), ('d004', 'Production'),
  ('d005', 'Development'), ('d006', 'Quality Management'), ('d007', 'Sales'), ('d008', 'Research'),
  ('d009', 'Customer Service');

insert into employees
select 10000 + i,
       date '1952-02-01' + ((i * 7919) % 4749)::int,
       (array['Georgi','Bezalel','Parto','Chirstian','Kyoichi','Anneke','Tzvetan','Saniya','Sumant','Duangkaew',
              'Mary','Patricio','Eberhardt','Berni','Guoxiang','Kazuhito','Cristinel','Kazuhide','Lillian','Mayuko',
              'Ramzi','Shahaf','Bojan','Suzette','Prasadram','Yongqiao','Divier','Domenick','Otmar','Elvis',
              'Karsten','Jeong','Arif','Alain','Adamantios','Pradeep','Huan','Alejandro','Weiyi','Uri'])[1 + (i * 31) % 40],
       (array['Facello','Simmel','Bamford','Koblick','Maliniak','Preusig','Zielinski','Kalloufi','Peac','Piveteau',
              'Sluis','Bridgland','Terkki','Genin','Nooteboom','Cappelletti','Bouloucos','Peha','Haddadi','Warwick',
              'Erde','Famili','Montemayor','Pettey','Heyers','Berztiss','Reistad','Tempesti','Herbst','Demeyer',
              'Baek','Kolvik','Gils','Chappelet','Portugali','Lortz','Lenart','Brender','Meriste','Lipner',
              'Ghazalie','Garigliano','Stamatiou','Schueller','Sudbeck','Ossenbruggen','Pettis','Bernini','Zschoche','Kambil'])[1 + (i * 17 + i / 40) % 50],
       case when (i * 13) % 5 < 3 then 'M' else 'F' end::gender,
       date '1985-01-01' + ((i * 104729) % 5113)::int
from generate_series(1::bigint, :total) as i;

-- One department each; every tenth employee moved to a second one.
insert into dept_emp
select emp_no, 'd00' || (1 + (emp_no * 7) % 9), hire_date,
       case when emp_no % 10 = 0 then hire_date + 700 else date '9999-01-01' end
from employees;
insert into dept_emp
select emp_no, 'd00' || (1 + (emp_no * 7 + 4) % 9), hire_date + 700, date '9999-01-01'
from employees where emp_no % 10 = 0;

-- 24 managers over time, two to four per department.
insert into dept_manager
select e.emp_no, 'd00' || (1 + (j - 1) % 9), e.hire_date + 365 * (j / 9),
       case when j > 15 then date '9999-01-01' else e.hire_date + 365 * (j / 9 + 3) end
from generate_series(1, 24) as j
join employees e on e.emp_no = 10000 + 1 + (j * 997) % :total;

-- A first title for everyone; about half were promoted once.
insert into titles
select emp_no,
       (array['Engineer','Staff','Assistant Engineer','Technique Leader','Senior Engineer','Senior Staff','Manager'])[1 + (emp_no * 3) % 6],
       hire_date,
       case when emp_no % 2 = 0 then hire_date + 1000 else date '9999-01-01' end
from employees;
insert into titles
select emp_no, case when (emp_no * 3) % 6 in (1, 5) then 'Senior Staff' else 'Senior Engineer' end,
       hire_date + 1000, date '9999-01-01'
from employees where emp_no % 2 = 0;

-- One to eighteen yearly salary rows per employee (about 9.5 on average), the last one current.
insert into salaries
select e.emp_no,
       40000 + (e.emp_no * 37) % 30000 + k * (1000 + e.emp_no % 2000),
       e.hire_date + 365 * k,
       case when k = n.years - 1 then date '9999-01-01' else e.hire_date + 365 * (k + 1) end
from employees e
cross join lateral (select 1 + (e.emp_no * 7) % 18 as years) n
cross join lateral generate_series(0, n.years - 1) as k;

create index dept_emp_dept_no on dept_emp (dept_no);
create index dept_manager_dept_no on dept_manager (dept_no);

create view current_dept_emp as
select emp_no, dept_no, from_date, to_date from dept_emp where to_date = date '9999-01-01';

analyze;
