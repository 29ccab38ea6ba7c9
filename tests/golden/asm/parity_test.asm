steps:
      d0:  49 83 ee 01                    sub r14,1
      d4:  72 55                          jb short 0x000000000000012B
      d6:  49 3b 67 20                    cmp rsp,[r15+0x20]
      da:  72 4f                          jb short 0x000000000000012B
      dc:  48 83 ff 01                    cmp rdi,1
      e0:  75 42                          jne short 0x0000000000000124
      e2:  b8 00 00 00 00                 mov eax,0
      e7:  eb 36                          jmp short 0x000000000000011F
      e9:  0f 1f 80 00 00 00 00           nop [rax]
      f0:  48 f7 c7 01 00 00 00           test rdi,1
      f7:  75 09                          jne short 0x0000000000000102
      f9:  48 89 f9                       mov rcx,rdi
      fc:  48 c1 f9 01                    sar rcx,1
     100:  eb 0c                          jmp short 0x000000000000010E
     102:  48 6b cf 03                    imul rcx,rdi,3
     106:  70 30                          jo short 0x0000000000000138
     108:  48 83 c1 01                    add rcx,1
     10c:  70 2a                          jo short 0x0000000000000138
     10e:  48 83 c0 01                    add rax,1
     112:  70 24                          jo short 0x0000000000000138
     114:  48 83 f9 01                    cmp rcx,1
     118:  74 05                          je short 0x000000000000011F
     11a:  48 89 cf                       mov rdi,rcx
     11d:  eb d1                          jmp short 0x00000000000000F0
     11f:  49 83 c6 01                    add r14,1
     123:  c3                             ret
     124:  b8 00 00 00 00                 mov eax,0
     129:  eb c5                          jmp short 0x00000000000000F0
     12b:  49 c7 47 18 04 00 00 00        mov qword ptr [r15+0x18],4
     133:  e9 3b ff ff ff                 jmp 0x0000000000000073
     138:  49 c7 47 18 03 00 00 00        mov qword ptr [r15+0x18],3
     140:  e9 2e ff ff ff                 jmp 0x0000000000000073

